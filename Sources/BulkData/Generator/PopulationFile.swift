import Foundation
import Platform
import Registry

/// `nemis population generate`: a registry file for the stand-in population database (Identity's
/// `RegistryFile` format): people of every age spread over the country by population, named in
/// their ethnic group's tradition, with citizen IDs that agree with their sex, birth year and the
/// old province where their birth was registered, and no ID twice. The same bytes for the same
/// seed whatever the number of threads, using the same people and ID serials as `nemis generate`.
public enum PopulationFile {
    public static let header = ["citizen_id", "family_name", "middle_name", "given_name", "date_of_birth", "sex", "birth_province"]
    /// People per part: enough to keep a thread busy, few enough that a part's rows stay near 4 MB.
    static let peoplePerPart = 50_000
    /// Births registered outside the province people live in, and dates of birth known only by year.
    static let migrantShare = 0.08
    static let yearOnlyShare = 0.02

    public struct Summary: Sendable {
        public var people = 0
        public var bytes = 0
        public var seconds = 0.0
    }

    struct Part: Sendable {
        let province: Int
        let indexInProvince: Int
        let partsInProvince: Int
        let people: Int
    }

    public static func write(people: Int, seed: UInt64, to path: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount)
        throws -> Summary {
        guard people >= 0 else { throw GenerateError.invalidOption("--people is a count of people, not \(people)") }
        let started = Date()
        let geography = try Geography.load()
        let names = try NameBank.load()
        let factories = geography.provinces.map { PeopleFactory(names: names, geography: geography, province: $0) }
        let parts = try plan(people: people, geography: geography)
        let years = BirthYears()
        let writer = try CSVWriter(path: path)
        var header: [UInt8] = []
        CSVEncoding.appendRow(Self.header, to: &header)
        try writer.writeBytes(header)
        var summary = Summary()
        summary.bytes = header.count
        let work = OrderedWork<[UInt8]>(count: parts.count, window: max(1, threads) * 2)
        try work.run(threads: max(1, threads), job: { index in
            try rows(parts[index], factory: factories[parts[index].province], years: years, seed: seed)
        }, consume: { index, rows in
            try writer.writeBytes(rows)
            summary.bytes += rows.count
            summary.people += parts[index].people
        })
        try writer.commit()
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// The provinces' shares of `people` by population (largest remainders, so they add up), each
    /// cut into parts.
    static func plan(people: Int, geography: Geography) throws -> [Part] {
        let weights = geography.provinces.map { ProvinceProfile.of($0.code).population }
        let total = weights.reduce(0, +)
        let exact = weights.map { Double(people) * $0 / total }
        var counts = exact.map { Int($0) }
        let byRemainder = exact.indices.sorted { exact[$0] - Double(counts[$0]) > exact[$1] - Double(counts[$1]) }
        for index in byRemainder.prefix(people - counts.reduce(0, +)) { counts[index] += 1 }
        var parts: [Part] = []
        for (province, count) in counts.enumerated() where count > 0 {
            let partCount = min(DatasetPlan.maximumPartsPerProvince, (count + peoplePerPart - 1) / peoplePerPart)
            for part in 0..<partCount {
                let size = count / partCount + (part < count % partCount ? 1 : 0)
                parts.append(Part(province: province, indexInProvince: part, partsInProvince: partCount, people: size))
            }
        }
        return parts
    }

    /// The CSV rows of one part, drawn from the part's own random stream.
    static func rows(_ part: Part, factory: PeopleFactory, years: BirthYears, seed: UInt64) throws -> [UInt8] {
        var random = Seeds.stream(seed, Seeds.name("population"), UInt64(part.province), UInt64(part.indexInProvince))
        var serials = CitizenIDSerials(part: DatasetPlan.Part(province: part.province, indexInProvince: part.indexInProvince,
                                                              partsInProvince: part.partsInProvince, schools: []), seed: seed)
        var output: [UInt8] = []
        output.reserveCapacity(part.people * 72)
        for _ in 0..<part.people {
            let female = random.chance(0.5)
            let person = try factory.person(female: female, year: years.pick(random.unit()), migrantShare: migrantShare, idShare: 1,
                                            serials: &serials, random: &random)
            guard let id = person.citizenID else { continue }
            let (family, middle, given) = split(person)
            let date = random.chance(yearOnlyShare) ? String(person.year)
                : String(person.year) + "-" + CitizenIDSerials.twoDigits(person.month) + "-" + CitizenIDSerials.twoDigits(person.day)
            CSVEncoding.appendRow([id, family, middle, given, date, female ? "female" : "male", String(id.prefix(3))], to: &output)
        }
        return output
    }

    /// Family, middle and given name as the registry splits them: the family name first, the given
    /// name last, the rest between. A name written family-last (`Y Ngông Niê`, the Ê Đê way) is split
    /// by position too, so the parts joined in order give the name as written.
    static func split(_ person: Person) -> (String, String, String) {
        var words = person.fullName.split(separator: " ").map(String.init)
        let family: String
        if person.fullName.hasPrefix(person.familyName + " ") {
            family = person.familyName
            words.removeFirst(person.familyName.split(separator: " ").count)
        } else {
            family = words.removeFirst()
        }
        let given = words.popLast() ?? ""
        return (family, words.joined(separator: " "), given)
    }

    /// Birth years of the whole population, learners' years weighing more: the registry is there
    /// to verify learners (born 2005–2021) and the staff who teach them.
    struct BirthYears: Sendable {
        let first = 1940
        let weights: WeightedIndex

        init() {
            weights = WeightedIndex((1940...2022).map { year in year >= 2005 ? 2.0 : year >= 1960 ? 1.0 : 0.3 })
        }

        func pick(_ unit: Double) -> Int { first + weights.pick(unit) }
    }
}
