import CitizenID
import SplitMix
import Testing
@testable import PersonMatching

@Suite("The candidate search's bound")
struct CandidateBoundTests {
    /// A registry dense in namesakes (two birth years), with compound family names and
    /// two-word given names beside the usual one-word parts.
    static let registry: (people: [RegistryPerson], index: RegistryIndex) = {
        var population = SyntheticPopulation(seed: 83)
        var people = (0..<1_500).map { _ in population.person(yearRange: 2010...2011) }
        for (offset, person) in people.prefix(60).enumerated() {
            people.append(RegistryPerson(
                citizenID: population.newID(
                    province: person.birthProvince ?? "001", sex: person.sex ?? .female, year: 2010),
                familyName: offset % 2 == 0 ? "Âu Dương" : person.familyName, middleName: person.middleName,
                givenName: offset % 3 == 0 ? "Sa Vân" : person.givenName,
                dateOfBirth: person.dateOfBirth, sex: person.sex, birthProvince: person.birthProvince))
        }
        return (people, RegistryIndex(people))
    }()

    @Test("no registry person weighs more than the bound, nor more than the ceiling when the date differs, under any model")
    func neverBelowTheWeight() throws {
        let (people, index) = Self.registry
        var population = SyntheticPopulation(seed: 84)
        var rng = SplitMix64(seed: 85)
        var pairs = 0, boundBroken = 0, ceilingBroken = 0
        for round in 0..<5 {
            let model = round == 0 ? MatchModel.shippedDefault : try Self.randomModel(using: &rng)
            for _ in 0..<24 {
                let record = Self.record(population: &population, people: people, using: &rng)
                let prepared = PreparedRecord(record)
                var bound = CandidateBound(record: prepared, index: index, model: model)
                for position in 0..<index.count {
                    let comparison = index.compare(prepared, position: position)
                    let weight = model.matchWeight(comparison.vector, givenNameFrequency: index.givenNameFrequency(at: position))
                    let bounded = bound.weight(position: position, index: index, record: prepared, model: model)
                    pairs += 1
                    if bounded < weight - 1e-9 {
                        boundBroken += 1
                        if boundBroken <= 5 {
                            let person = index.person(at: position).map(\.fullName) ?? "?"
                            Issue.record("model \(round): \(record.fullName) against \(person): bound \(bounded) < \(weight), \(comparison.vector)")
                        }
                    }
                    if comparison.vector.dateOfBirth == .different, weight > bound.ceilingForDifferentDate + 1e-9 {
                        ceilingBroken += 1
                    }
                }
            }
        }
        #expect(boundBroken == 0, "\(boundBroken) of \(pairs) pairs above their bound")
        #expect(ceilingBroken == 0, "\(ceilingBroken) of \(pairs) pairs above the different-date ceiling")
    }

    @Test("a person born the same day with another given name is dismissed, also for a name with legacy readings")
    func dismissesAnotherGivenName() throws {
        let date = CivilDate(year: 2011, month: 3, day: 9)
        let other = try RegistryPerson(
            citizenID: "001311000123", familyName: "Lê", middleName: "Thu", givenName: "Mai",
            dateOfBirth: date, sex: .female, birthProvince: "001")
        let index = RegistryIndex([other])
        let model = MatchModel.shippedDefault
        // "Lê Thu Hà" is all Latin-1, so it is also read as TCVN3 and VNI text.
        for name in ["Lê Thu Hà", "Lê Thu Hạnh"] {
            let record = PreparedRecord(PersonRecord(fullName: name, dateOfBirth: date, sex: .female, birthProvince: "079"))
            var bound = CandidateBound(record: record, index: index, model: model)
            let bounded = bound.weight(position: 0, index: index, record: record, model: model)
            #expect(bounded < VerificationPolicy().reviewWeight, "\(name): \(bounded)")
        }
        #expect(!PreparedRecord(PersonRecord(fullName: "Lê Thu Hà", dateOfBirth: date, sex: .female)).name.legacyReadings.isEmpty)
    }

    /// A damaged copy of a registry person (legacy encodings, name order, typos, swapped dates…),
    /// an absent person, or a one-word name.
    static func record(
        population: inout SyntheticPopulation, people: [RegistryPerson], using rng: inout SplitMix64
    ) -> PersonRecord {
        let person = people[Int(rng.next() % UInt64(people.count))]
        switch rng.next() % 6 {
        case 0:
            return population.record(of: population.person(yearRange: 2010...2011), damage: population.randomDamage())
        case 1:
            var record = population.record(of: person, damage: [])
            record.fullName = person.givenName
            return record
        case 2:
            return population.record(of: person, damage: [[.tcvn3], [.vni], [.tcvn3, .familyLast]][Int(rng.next() % 3)])
        default:
            return population.record(of: person, damage: population.randomDamage())
        }
    }

    /// Each level's m and u drawn at random: weights in any order, agreement not always heaviest.
    static func randomModel(using rng: inout SplitMix64) throws -> MatchModel {
        func probability() -> Double { Double(rng.next() % 1_000 + 1) / 1_000 }
        let fields = MatchField.allCases.map { field in
            FieldParameters(field: field, levels: (0..<field.levelCount).map {
                LevelParameters(level: field.levelCode($0), m: probability(), u: probability())
            })
        }
        return try MatchModel(lambda: 0.05, fields: fields)
    }
}
