import Registry
import SplitMix

/// A synthetic person as the files show them.
struct Person {
    let familyName: String
    let fullName: String
    let female: Bool
    let year: Int
    let month: Int
    let day: Int
    let citizenID: String?
    /// The old province where the birth was registered (the citizen ID's prefix).
    let birthplace: String
    let ethnicity: String

    var sexLabel: String { female ? "Nữ" : "Nam" }
    var dateOfBirth: String { BulkDate.format(year: year, month: month, day: day) }
}

/// Draws people for one province: names from the Registry's name bank in the naming tradition of
/// their ethnic group, births registered mostly
/// in the province's own old provinces, citizen IDs that agree with sex and birth year.
struct PeopleFactory: Sendable {
    let names: NameBank
    let geography: Geography
    let province: Geography.Province
    let ethnicities: NameBank.Weighted
    /// Over the province's old provinces: the namesake weighs twice as much as each other one.
    let homeBirthplaces: WeightedIndex
    let otherBirthplaces: [Int]

    init(names: NameBank, geography: Geography, province: Geography.Province) {
        self.names = names
        self.geography = geography
        self.province = province
        ethnicities = NameBank.Weighted(ProvinceProfile.of(province.code).ethnicities)
        homeBirthplaces = WeightedIndex(province.oldProvinces.indices.map { $0 == 0 ? 2.0 : 1.0 })
        let home = Set(province.oldProvinces)
        otherBirthplaces = geography.oldProvinces.indices.filter { !home.contains($0) }
    }

    /// A person born on a day of `year` (from `fromMonth` on); `migrantShare` of them had their
    /// birth registered in another province, `idShare` have a citizen ID on file.
    /// A parent is given their child's ethnicity, and a father his child's family name.
    func person(female: Bool, year: Int, fromMonth: Int = 1, toMonth: Int = 12, familyName: String? = nil, ethnicity given: String? = nil,
                migrantShare: Double, idShare: Double, serials: inout CitizenIDSerials, random: inout SplitMix64) throws -> Person {
        let ethnicity = given ?? ethnicities.pick(random.unit())
        let name = names.name(sex: female ? "female" : "male", ethnicity: ethnicity, bornFrom2000: year >= 2000, familyName: familyName,
                              random: &random)
        let month = random.int(in: fromMonth...toMonth)
        let day = random.int(in: 1...Self.daysIn(month: month, year: year))
        let home = !random.chance(migrantShare)
        let oldProvince = home ? province.oldProvinces[homeBirthplaces.pick(random.unit())]
            : otherBirthplaces[Int(random.next() % UInt64(otherBirthplaces.count))]
        let registered = geography.oldProvinces[oldProvince]
        var citizenID: String?
        if random.chance(idShare) {
            citizenID = try serials.next(oldProvince: oldProvince, prefix: registered.code, female: female, year: year, home: home)
        }
        return Person(familyName: name.family, fullName: name.fullName, female: female, year: year, month: month, day: day,
                      citizenID: citizenID, birthplace: registered.name, ethnicity: ethnicity)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
