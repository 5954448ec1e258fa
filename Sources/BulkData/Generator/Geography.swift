import Registry

/// The places a synthetic dataset uses, from the Registry's shipped reference files: the 34
/// provinces from 1 July 2025 with their communes, and the 63 old provinces whose codes begin
/// citizen IDs (a birth registered in Bắc Kạn in 2012 carries 006 for ever, DOMAIN.md §1.4).
struct Geography: Sendable {
    struct Commune: Sendable {
        let code: String
        let name: String
        /// `xa`, `phuong` or `dac_khu`: wards are urban, with bigger schools and classes.
        let kind: String
        var isUrban: Bool { kind == "phuong" }
        var label: String {
            switch kind {
            case "phuong": "Phường \(name)"
            case "dac_khu": "Đặc khu \(name)"
            default: "Xã \(name)"
            }
        }
    }

    struct Province: Sendable {
        /// Position in the 2025 list (the order of provinces-2025.csv): the unit of output order.
        let index: Int
        let code: String
        let name: String
        let communes: [Commune]
        /// Indices into `Geography.oldProvinces` of the provinces merged into this one, the one
        /// whose name it keeps first.
        let oldProvinces: [Int]
    }

    struct OldProvince: Sendable {
        /// The 3-digit citizen-ID prefix.
        let code: String
        let name: String
    }

    let provinces: [Province]
    let oldProvinces: [OldProvince]

    static func load() throws -> Geography {
        let units = try AdminUnits.referenceUnits()
        let old = units.filter { $0.level == "province" && $0.code.count == 3 }.sorted { $0.code < $1.code }
        let oldIndex = Dictionary(uniqueKeysWithValues: old.enumerated().map { ($0.element.code, $0.offset) })
        var communes: [String: [Commune]] = [:]
        for unit in units where unit.level == "commune" {
            communes[unit.parentCode ?? "", default: []].append(Commune(code: unit.code, name: unit.name, kind: unit.kind))
        }
        let newProvinces = units.filter { $0.level == "province" && $0.code.count == 2 }
        let provinces = newProvinces.enumerated().map { index, unit in
            // The old provinces merged into this one, in provinces-2025.csv's order (the namesake first).
            let merged = old.filter { $0.successorCode == unit.code }
            let ordered = merged.sorted { mergeRank(of: $0.code, in: unit.code, units: units) < mergeRank(of: $1.code, in: unit.code, units: units) }
            return Province(index: index, code: unit.code, name: unit.name,
                            communes: (communes[unit.code] ?? []).sorted { $0.code < $1.code },
                            oldProvinces: ordered.compactMap { oldIndex[$0.code] })
        }
        return Geography(provinces: provinces, oldProvinces: old.map { OldProvince(code: $0.code, name: $0.name) })
    }

    /// The namesake old province (same name as the new one) ranks first; the others by code.
    private static func mergeRank(of oldCode: String, in newCode: String, units: [AdminUnit]) -> (Int, String) {
        let newName = units.first { $0.code == newCode }?.name ?? ""
        let oldName = units.first { $0.code == oldCode && $0.level == "province" }?.name ?? ""
        return (newName.hasSuffix(oldName) || oldName.hasSuffix(newName) ? 0 : 1, oldCode)
    }

    func province(code: String) -> Province? {
        provinces.first { $0.code == code }
    }
}
