import CitizenID
import Testing
@testable import PersonMatching

@Suite("Registry index: lookup, blocking, candidates")
struct RegistryIndexTests {
    /// 20,000 registry people and 2,000 damaged copies of some of them, labelled.
    static let fixture: (people: [RegistryPerson], index: RegistryIndex, copies: [(PersonRecord, RegistryPerson)]) = {
        var population = SyntheticPopulation(seed: 42)
        let people = (0..<20_000).map { _ in population.person() }
        var copies: [(PersonRecord, RegistryPerson)] = []
        for person in people.prefix(2_000) {
            copies.append((population.record(of: person, damage: population.randomDamage()), person))
        }
        return (people, RegistryIndex(people), copies)
    }()

    @Test("lookup by ID returns the person with every field; unknown IDs return nil")
    func lookup() throws {
        let (people, index, _) = Self.fixture
        #expect(index.count == people.count)
        for person in people.prefix(500) {
            #expect(index.lookup(citizenID: person.citizenID) == person)
        }
        let yearOnly = try RegistryPerson(
            citizenID: "001099000001", familyName: "Âu Dương", middleName: "", givenName: "Sa Vân",
            dateOfBirth: CivilDate(year: 1999), sex: nil)
        let small = RegistryIndex([yearOnly, yearOnly])
        #expect(small.count == 1)
        #expect(small.lookup(citizenID: yearOnly.citizenID) == yearOnly)
        #expect(small.lookup(citizenID: try CitizenID.parse("001099000002")) == nil)
    }

    @Test("the person a damaged record was copied from is among its candidates")
    func recall() {
        let (_, index, copies) = Self.fixture
        var inTopFive = 0, first = 0
        for (record, person) in copies {
            let candidates = index.candidates(for: record, limit: 5)
            if candidates.contains(where: { $0.person.citizenID == person.citizenID }) { inTopFive += 1 }
            if candidates.first?.person.citizenID == person.citizenID { first += 1 }
        }
        #expect(Double(inTopFive) / Double(copies.count) >= 0.98, "top-5 recall \(inTopFive)/\(copies.count)")
        #expect(Double(first) / Double(copies.count) >= 0.90, "top-1 \(first)/\(copies.count)")
    }

    @Test("blocking finds day/month swaps, name order swaps and year-only dates despite name damage",
          arguments: [
            [Damage.dayMonthSwap, .givenTypo, .noDiacritics], [.familyLast, .noDiacritics], [.yearOnly, .regionalVariant],
            [.tcvn3, .dropMiddle], [.vni, .previousDay, .noSex],
          ])
    func damagedButFound(damage: [Damage]) {
        let (people, index, _) = Self.fixture
        let population = SyntheticPopulation(seed: 1)
        var found = 0
        for person in people[5_000..<5_200] {
            let record = population.record(of: person, damage: damage)
            if index.candidates(for: record, limit: 10).contains(where: { $0.person == person }) { found += 1 }
        }
        #expect(found >= 196, "\(found)/200 found with \(damage)")
    }

    @Test("the search finds the best people of the record's blocks, as scoring each of them once would",
          arguments: [1, 5], [RegistryIndex.defaultMaximumBlockSize, 8])
    func sameAsScoringEveryone(limit: Int, maximumBlockSize: Int) {
        // One birth year, so that many people share a date and the blocks overlap.
        var population = SyntheticPopulation(seed: 7)
        let people = (0..<4_000).map { _ in population.person(yearRange: 2010...2010) }
        let index = RegistryIndex(people)
        var checked = 0
        for person in people.prefix(400) {
            var damage = population.randomDamage()
            if checked % 3 == 0 { damage.append(.dayMonthSwap) }
            let record = PreparedRecord(population.record(of: person, damage: damage))
            var everyone = Set<Int>()
            for block in index.candidateBlocks(for: record, maximumBlockSize: maximumBlockSize) {
                for slot in block { everyone.insert(Int(index.postings[slot])) }
            }
            let expected = everyone.map { position in
                MatchModel.shippedDefault.matchWeight(
                    index.compare(record, position: position).vector, givenNameFrequency: index.givenNameFrequency(at: position))
            }.sorted(by: >).prefix(limit)
            let found = index.candidates(for: record, limit: limit, maximumBlockSize: maximumBlockSize).map(\.weight)
            #expect(found == Array(expected), "\(person.fullName), \(damage)")
            checked += 1
        }
    }

    @Test("the index is compact: well under 200 bytes a person")
    func compact() {
        let index = Self.fixture.index
        #expect(index.memoryBytes / index.count < 200, "\(index.memoryBytes / index.count) bytes a person")
    }

    @Test("given-name frequencies reflect the population")
    func frequencies() throws {
        let (people, index, _) = Self.fixture
        let anh = try #require(people.firstIndex { $0.givenName == "Anh" })
        let position = try #require(index.position(of: people[anh].citizenID))
        let share = Double(people.filter { $0.givenName == "Anh" }.count) / Double(people.count)
        #expect(abs(index.givenNameFrequency(at: position) - share) < 1e-9)
    }
}
