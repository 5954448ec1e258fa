import CitizenID
import PersonMatching
import SplitMix
import VietnameseText

/// A deterministic synthetic population: registry people with realistic names and
/// consistent IDs, school records copied from some of them with the damage schools
/// do (DOMAIN.md §1.5), and records of people absent from the registry.
struct SyntheticPopulation {
    struct LabelledRecord {
        let record: PersonRecord
        /// The registry person this record is a copy of; nil for an absent person.
        let truth: CitizenID?
    }

    static let provinces = ["001", "079", "031", "048", "038", "040", "092", "036", "075", "056"]

    var rng: SplitMix64
    private var usedIDs: Set<String> = []

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func person(yearRange: ClosedRange<Int> = 2006...2018) -> RegistryPerson {
        let sex: Sex = Bool.random(using: &rng) ? .male : .female
        let year = Int.random(in: yearRange, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...28, using: &rng)
        let province = SyntheticPopulation.provinces.randomElement(using: &rng) ?? "001"
        return RegistryPerson(
            citizenID: newID(province: province, sex: sex, year: year),
            familyName: SyntheticNames.pick(SyntheticNames.families, using: &rng),
            middleName: SyntheticNames.pick(sex == .male ? SyntheticNames.maleMiddles : SyntheticNames.femaleMiddles, using: &rng),
            givenName: SyntheticNames.pick(sex == .male ? SyntheticNames.maleGivens : SyntheticNames.femaleGivens, using: &rng),
            dateOfBirth: CivilDate(year: year, month: month, day: day), sex: sex, birthProvince: province)
    }

    /// A fresh ID encoding `sex` and `year` (`PPP G YY NNNNNN`, DOMAIN.md §1.4).
    mutating func newID(province: String, sex: Sex, year: Int) -> CitizenID {
        let g = 2 * ((year - 1900) / 100) + (sex == .male ? 0 : 1)
        let yy = year % 100
        while true {
            let serial = Int.random(in: 0..<1_000_000, using: &rng)
            let digits = province + String(g) + pad(yy, 2) + pad(serial, 6)
            if usedIDs.insert(digits).inserted, let id = try? CitizenID.parse(digits) { return id }
        }
    }

    /// The school's copy of `person`: no ID, with `damage` applied.
    func record(of person: RegistryPerson, damage: [Damage], keepID: Bool = false) -> PersonRecord {
        var record = PersonRecord(
            citizenID: keepID ? person.citizenID.digits : nil, fullName: person.fullName,
            dateOfBirth: person.dateOfBirth, sex: person.sex, birthProvince: person.birthProvince)
        for item in damage { item.apply(to: &record, person: person) }
        return record
    }

    /// Random damage, about as often as DOMAIN.md §1.5 suggests it appears.
    mutating func randomDamage() -> [Damage] {
        var out: [Damage] = []
        for (damage, probability) in Damage.frequencies where Double.random(in: 0..<1, using: &rng) < probability {
            out.append(damage)
        }
        return out
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
