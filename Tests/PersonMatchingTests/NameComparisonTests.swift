import Foundation
import Testing
@testable import PersonMatching

@Suite("Name comparison on real Vietnamese cases")
struct NameComparisonTests {
    private func compare(_ typed: String, _ family: String = "Nguyễn", _ middle: String = "Văn", _ given: String = "Đức")
        -> NameComparison {
        NameComparison(typed: typed, familyName: family, middleName: middle, givenName: given)
    }

    @Test("identical names, and names differing only in case or spacing, are exact")
    func exact() {
        let same = compare("Nguyễn Văn Đức")
        #expect(same.level == .exact)
        #expect(same.agreesAfterNormalisation)
        let caps = compare("  NGUYỄN   VĂN ĐỨC ")
        #expect(caps.level == .equalAfterFolding)
        #expect(caps.agreesAfterNormalisation)
        #expect(caps.findingsEN == ["case or spacing only"])
    }

    @Test("Nguyen Van Duc equals Nguyễn Văn Đức only after folding, diacritics missing")
    func missingDiacritics() {
        let result = compare("Nguyen Van Duc")
        #expect(result.level == .equalAfterFolding)
        #expect([result.familyName, result.middleName, result.givenName] == [.foldedEqual, .foldedEqual, .foldedEqual])
        #expect(result.diacriticsMissing)
        #expect(!result.agreesAfterNormalisation)
        #expect(result.agreesAfterRepair)
        #expect(result.evidenceEN.contains("diacritics missing"))
        #expect(result.evidenceVI.contains("thiếu dấu"))
    }

    @Test("wrong tone mark (hỏi/ngã) folds equal but is reported as different diacritics")
    func wrongTone() {
        let result = compare("Nguyễn Văn Kỷ", "Nguyễn", "Văn", "Kỹ")
        #expect(result.givenName == .foldedEqual)
        #expect(!result.diacriticsMissing)
        #expect(result.findingsEN.contains("diacritics differ"))
    }

    @Test("NFD input is exact per part but flagged for NFC storage")
    func nfd() {
        let decomposed = "Nguyễn Văn Đức".decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.utf8) != Array("Nguyễn Văn Đức".utf8))
        let result = compare(decomposed)
        #expect(result.wasDenormalised)
        #expect(result.givenName == .exact && result.familyName == .exact)
        #expect(result.level == .equalAfterFolding)
        #expect(!result.agreesAfterNormalisation)
        #expect(result.findingsEN.contains { $0.contains("NFD") })
    }

    @Test("TCVN3 NguyÔn V¨n §øc is decoded")
    func tcvn3() {
        let result = compare("NguyÔn V¨n §øc")
        #expect(result.legacyEncoding == .tcvn3)
        #expect(result.typed == "Nguyễn Văn Đức")
        #expect(result.agreesAfterRepair)
        #expect(result.level == .equalAfterFolding)
    }

    @Test("VNI Nguyeãn Vaên Ñöùc is decoded")
    func vni() {
        let result = compare("Nguyeãn Vaên Ñöùc")
        #expect(result.legacyEncoding == .vni)
        #expect(result.typed == "Nguyễn Văn Đức")
        #expect(result.agreesAfterRepair)
    }

    @Test("Văn Đức Nguyễn: family name typed last is found moved")
    func familyLast() {
        let result = compare("Văn Đức Nguyễn")
        #expect(result.order == .familyLast)
        #expect(result.level == .orderSwapped)
        #expect([result.familyName, result.middleName, result.givenName] == [.exact, .exact, .exact])
        #expect(result.findingsEN.contains("family name typed last"))
    }

    @Test("Đức Nguyễn Văn: given name typed first")
    func givenFirst() {
        let result = compare("Duc Nguyen Van")
        #expect(result.order == .givenFirst)
        #expect(result.givenName == .foldedEqual)
    }

    @Test("an order swap is not assumed when the family name is not in the typed name")
    func noSwapWithoutFamily() {
        let result = compare("Trần Văn Đức")
        #expect(result.order == .asRegistered)
        #expect(result.level == .different)
    }

    @Test("Hoàng/Huỳnh and Vũ/Võ are regional variants")
    func regionalVariants() {
        #expect(compare("Huỳnh Văn Đức", "Hoàng", "Văn", "Đức").familyName == .variant)
        #expect(compare("Huynh Van Duc", "Hoàng", "Văn", "Đức").level == .variant)
        #expect(compare("Võ Thị Lan", "Vũ", "Thị", "Lan").familyName == .variant)
    }

    @Test("common confusions of DOMAIN §2 are variants: i/y, tr/ch, s/x, d/gi/r, l/n")
    func commonConfusions() {
        let pairs: [(String, String)] = [
            ("Vi", "Vy"), ("Chinh", "Trinh"), ("Xuân", "Suân"), ("Giang", "Dang"), ("Rung", "Dung"), ("Nan", "Lan"),
        ]
        for (typed, registered) in pairs {
            let result = compare("Nguyễn Thị \(typed)", "Nguyễn", "Thị", registered)
            #expect(result.givenName == .variant, "\(typed) vs \(registered)")
        }
        #expect(compare("Nguyễn Thị Nhung", "Nguyễn", "Thị", "Lhung").givenName != .variant)
    }

    @Test("a dropped middle name is partial, an extra one too")
    func middleName() {
        let dropped = compare("Nguyễn Đức")
        #expect(dropped.middleName == .partial)
        #expect(dropped.level == .middleNameDropped)
        #expect(dropped.findingsEN.contains("middle name dropped"))
        let extra = compare("Nguyễn Thị Thu Hà", "Nguyễn", "Thị", "Hà")
        #expect(extra.middleName == .partial)
        #expect(extra.findingsEN.contains("extra middle name"))
        #expect(compare("Nguyễn Minh Đức").level == .different)
    }

    @Test("a small typo is typo level, a different name is different")
    func typos() {
        #expect(compare("Nguyễn Văn Thắgn", "Nguyễn", "Văn", "Thắng").givenName == .typo)
        #expect(compare("Nguyễn Văn Hùng").givenName == .different)
        #expect(compare("Nguyễn Văn Anh", "Nguyễn", "Văn", "An").givenName == .different)
    }

    @Test("compound family names and minority names align by the registry's parts")
    func compoundAndMinority() {
        #expect(compare("Tôn Nữ Minh Châu", "Tôn Nữ", "Minh", "Châu").level == .exact)
        #expect(compare("Thach Thi Sa Van", "Thạch", "Thị", "Sa Vân").level == .equalAfterFolding)
    }
}
