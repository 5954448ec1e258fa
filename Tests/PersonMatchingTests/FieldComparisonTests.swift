import Testing
@testable import PersonMatching

@Suite("Dates, sex, province, typo distance")
struct FieldComparisonTests {
    private func date(_ text: String) -> CivilDate? { CivilDate.parse(text) }

    @Test("civil dates parse Vietnamese, ISO and year-only forms and reject impossible dates")
    func parsing() {
        #expect(date("05/09/2008") == CivilDate(year: 2008, month: 9, day: 5))
        #expect(date("2008-09-05") == CivilDate(year: 2008, month: 9, day: 5))
        #expect(date("2008") == CivilDate(year: 2008))
        #expect(date("2008")?.isYearOnly == true)
        #expect(date("31/04/2008") == nil)
        #expect(date("29/02/2009") == nil)
        #expect(date("29/02/2008") != nil)
        #expect(date("5/9/08") == nil)
        #expect(date("ngày 5") == nil)
        #expect(CivilDate(year: 2008, month: 9, day: 5)?.vietnameseFormat == "05/09/2008")
    }

    @Test("dates and stored IDs are written zero-padded to their widths")
    func zeroPadding() {
        #expect(CivilDate(year: 987, month: 1, day: 31)?.description == "0987-01-31")
        #expect(CivilDate(year: 5, month: 12, day: 1)?.vietnameseFormat == "01/12/0005")
        #expect(CivilDate(year: 42)?.vietnameseFormat == "0042")
        #expect(RegistryIndex.twelveDigits(1_234_567_890) == "001234567890")
        #expect(RegistryIndex.twelveDigits(0) == "000000000000")
        #expect(RegistryIndex.threeDigits(1) == "001")
        // Wider than the width: every digit kept. Negative (no valid date has one): the sign first.
        #expect(String(zeroPadded: 12_345, width: 4) == "12345")
        #expect(String(zeroPadded: -5, width: 3) == "-005")
        #expect(String(zeroPadded: Int.min, width: 2) == String(Int.min))
        for value in [0, 7, 10, 99, 100, 2008, 99_999, 123_456_789_012] {
            let text = String(zeroPadded: value, width: 6)
            #expect(Int(text) == value && text.count == max(6, String(value).count), "\(value)")
        }
    }

    @Test("date levels: exact, 05/09 vs 09/05, one day apart, year only, different")
    func dateLevels() {
        let compare = FieldComparators.compareDates
        #expect(compare(date("05/09/2008"), date("05/09/2008")) == .exact)
        #expect(compare(date("05/09/2008"), date("09/05/2008")) == .dayMonthSwapped)
        #expect(compare(date("05/05/2008"), date("05/05/2008")) == .exact)
        #expect(compare(date("31/12/2008"), date("01/01/2009")) == .offByOneDay)
        #expect(compare(date("2008"), date("05/09/2008")) == .sameYearOnly)
        #expect(compare(date("05/09/2008"), date("2008")) == .sameYearOnly)
        #expect(compare(date("2008"), date("2008")) == .exact)
        #expect(compare(date("2008"), date("05/09/2009")) == .different)
        #expect(compare(date("05/09/2008"), date("20/11/2008")) == .different)
        #expect(compare(nil, date("2008")) == .missing)
    }

    @Test("packed dates compare like civil dates")
    func packed() {
        let dates = ["05/09/2008", "09/05/2008", "06/09/2008", "2008", "31/12/2007", "01/01/2008", "2009"]
            .compactMap(date)
        for a in dates {
            #expect(CivilDate(packed: a.packed) == a)
            for b in dates {
                #expect(FieldComparators.comparePacked(a.packed, b.packed) == FieldComparators.compareDates(a, b))
            }
        }
    }

    @Test("sex and province: same, different, unknown")
    func sexAndProvince() {
        #expect(FieldComparators.compareSex(.male, .male) == .same)
        #expect(FieldComparators.compareSex(.male, .female) == .different)
        #expect(FieldComparators.compareSex(nil, .female) == .unknown)
        #expect(FieldComparators.compareProvince("001", "1") == .same)
        #expect(FieldComparators.compareProvince("001", "079") == .different)
        #expect(FieldComparators.compareProvince(nil, "079") == .unknown)
        #expect(FieldComparators.compareProvince("abc", "079") == .unknown)
    }

    @Test("typo distance counts adjacent swaps as one edit and is bounded")
    func typoDistance() {
        func d(_ a: String, _ b: String, _ limit: Int = 3) -> Int? {
            TypoDistance.distance(Array(a.utf8), Array(b.utf8), limit: limit)
        }
        #expect(d("thang", "thagn") == 1)
        #expect(d("thang", "thanh") == 1)
        #expect(d("phuong", "phong") == 1)
        #expect(d("khang", "khanh") == 1)
        #expect(d("minh", "minh") == 0)
        #expect(d("nguyen", "tran", 2) == nil)
        #expect(TypoDistance.isWithinBound(Array("an".utf8), Array("anh".utf8)) == false)
    }
}
