import Testing
@testable import Platform

@Suite("Date serials and number formats")
struct SpreadsheetDateTests {
    @Test("serials of the 1900 system, with the leap-year bug at 60", arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-29"), (61.0, "1900-03-01"),
        (36_526.0, "2000-01-01"), (39_585.0, "2008-05-17"), (45_292.0, "2024-01-01"), (2_958_465.0, "9999-12-31"),
        (45_540.999_999_9, "2024-09-06"),  // rounds to the next midnight, as Excel shows it
    ])
    func serials1900(serial: Double, iso: String) throws {
        let date = try #require(SpreadsheetDate(serial: serial))
        #expect(date.isoString == iso)
        #expect(date.isNonexistentLeapDay == (serial == 60))
    }

    @Test("dates to serials and back, in both systems")
    func components() throws {
        for system in [SpreadsheetDateSystem.from1900, .from1904] {
            for (year, month, day) in [(1904, 1, 1), (1904, 1, 2), (1999, 12, 31), (2024, 2, 29), (2025, 6, 26)] {
                let date = try #require(SpreadsheetDate(year: year, month: month, day: day, hour: 13, minute: 5, second: 9, system: system))
                let back = try #require(SpreadsheetDate(serial: date.serial, system: system))
                #expect(back.civilDate == CivilDate(year: year, month: month, day: day))
                #expect((back.hour, back.minute, back.second) == (13, 5, 9))
            }
        }
        #expect(SpreadsheetDate(year: 1900, month: 3, day: 1)?.serial == 61)
        #expect(SpreadsheetDate(year: 1900, month: 2, day: 28)?.serial == 59)
        #expect(SpreadsheetDate(year: 1904, month: 1, day: 1, system: .from1904)?.serial == 0)
        #expect(SpreadsheetDate(year: 1899, month: 12, day: 31) == nil, "before serial 1")
        #expect(SpreadsheetDate(year: 2023, month: 2, day: 29) == nil)
        #expect(SpreadsheetDate(serial: -1) == nil)
        #expect(SpreadsheetDate(serial: 3_000_000) == nil)
    }

    @Test("ISO 8601 text of t=\"d\" cells")
    func isoText() {
        #expect(SpreadsheetDate(iso: "2024-09-05", system: .from1900)?.serial == 45_540)
        #expect(SpreadsheetDate(iso: "2024-09-05T07:30:00Z", system: .from1900)?.isoString == "2024-09-05T07:30:00")
        #expect(SpreadsheetDate(iso: "2024-09-05T07:30:00.250+07:00", system: .from1900)?.minute == 30)
        #expect(SpreadsheetDate(iso: "05/09/2024", system: .from1900) == nil)
    }

    @Test("which number formats are dates", arguments: [
        ("dd/mm/yyyy", true), ("d-mmm-yy", true), ("[$-42A]dd/mm/yyyy", true), ("hh:mm:ss AM/PM", true),
        ("[h]:mm", true), ("yyyy\\-mm\\-dd", true),
        ("General", false), ("0.00E+00", false), ("#,##0 \"đồng\"", false), ("[Red]0.00", false),
        ("@", false), ("0_);\\(0\\)", false), ("\"Ngày\" 0", false), ("#,##0;[Red]-#,##0;\"-\";@", false),
        ("[$₫-42A] #,##0", false),
    ])
    func customFormats(code: String, isDate: Bool) {
        #expect(NumberFormat.isDate(code: code) == isDate)
    }

    @Test("built-in date formats by ID")
    func builtInFormats() {
        #expect((14...22).allSatisfy(NumberFormat.isBuiltInDate))
        #expect((45...47).allSatisfy(NumberFormat.isBuiltInDate))
        #expect(![0, 1, 2, 9, 10, 11, 12, 13, 23, 37, 44, 48, 49].contains(where: NumberFormat.isBuiltInDate))
    }

    @Test("_xHHHH_ escapes decode, and text encodes so it reads back exactly")
    func ooxmlEscapes() {
        func decode(_ s: String) -> String { String(decoding: OOXMLEscapes.decode(Array(s.utf8)), as: UTF8.self) }
        #expect(decode("a_x000D_b") == "a\rb")
        #expect(decode("_x005F_x000D_") == "_x000D_")
        #expect(decode("_xD83D__xDE00_") == "😀")
        #expect(decode("_xD83D_ alone") == "_xD83D_ alone", "a lone surrogate is left as written")
        #expect(decode("_x00zz_ _x12_") == "_x00zz_ _x12_")
        for text in ["a\rb", "_x000D_", "tab\tline\nfeed", "\u{1}\u{1F}", "_x_ _x0041", "Lê_x0041_Lý"] {
            #expect(decode(OOXMLEscapes.encode(text)).unicodeScalars.elementsEqual(text.unicodeScalars), "\(text)")
        }
        #expect(OOXMLEscapes.encode("Lê Văn An") == "Lê Văn An")
    }
}
