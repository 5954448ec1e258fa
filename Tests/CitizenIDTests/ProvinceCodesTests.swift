import Foundation
import Testing
@testable import CitizenID

@Suite("Province codes")
struct ProvinceCodesTests {
    @Test("63 provinces and 33 unused codes partition 001–096")
    func partition() {
        let used = ProvinceCodes.provinces.map(\.code)
        #expect(used.count == 63)
        #expect(Set(used).count == 63)
        #expect(ProvinceCodes.unusedCodes.count == 33)
        #expect(Set(used).isDisjoint(with: ProvinceCodes.unusedCodes))
        let all = (1...96).map { GeneratedID.pad($0, 3) }
        #expect(Set(used).union(ProvinceCodes.unusedCodes) == Set(all))
        #expect(used == used.sorted())
        #expect(used.allSatisfy { $0.hasPrefix("0") })
    }

    @Test("names are NFC and match the DOMAIN table spot checks")
    func names() {
        for p in ProvinceCodes.provinces {
            #expect(p.name == p.name.precomposedStringWithCanonicalMapping)
            #expect(p.name.utf8.elementsEqual(p.name.precomposedStringWithCanonicalMapping.utf8))
        }
        #expect(ProvinceCodes.name(for: "001") == "Hà Nội")
        #expect(ProvinceCodes.name(for: "079") == "Hồ Chí Minh")
        #expect(ProvinceCodes.name(for: "046") == "Thừa Thiên Huế")
        #expect(ProvinceCodes.name(for: "096") == "Cà Mau")
        #expect(ProvinceCodes.name(for: "003") == nil)
        #expect(ProvinceCodes.isUnused("003"))
        #expect(!ProvinceCodes.isUnused("001"))
        #expect(!ProvinceCodes.isUnused("100"))
    }
}
