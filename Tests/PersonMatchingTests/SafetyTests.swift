import CitizenID
import Testing
@testable import PersonMatching

/// The property that matters most: never link a person to someone else.
@Suite("Safety: an absent person is never auto-linked")
struct SafetyTests {
    @Test("dense namesakes: many registry people share the name and date; an absent one is never linked",
          arguments: [2, 3, 10, 40])
    func denseNamesakes(namesakes: Int) throws {
        var population = SyntheticPopulation(seed: UInt64(namesakes))
        var people = (0..<3_000).map { _ in population.person(yearRange: 2010...2010) }
        for _ in 0..<namesakes {
            people.append(RegistryPerson(
                citizenID: population.newID(province: "001", sex: .male, year: 2010),
                familyName: "Nguyễn", middleName: "Văn", givenName: "Anh",
                dateOfBirth: CivilDate(year: 2010, month: 1, day: 1), sex: .male, birthProvince: "001"))
        }
        let verifier = Verifier(index: RegistryIndex(people))
        let typings = ["Nguyễn Văn Anh", "Nguyen Van Anh", "NGUYỄN VĂN ANH", "Văn Anh Nguyễn", "Nguyễn Anh"]
        for typed in typings {
            for province: String? in ["001", nil] {
                let absent = PersonRecord(
                    fullName: typed, dateOfBirth: CivilDate(year: 2010, month: 1, day: 1), sex: .male,
                    birthProvince: province)
                let decision = verifier.verify(absent)
                #expect(decision.linkedPerson == nil, "\(typed) linked among \(namesakes) namesakes")
                #expect(decision.status == "ambiguous", "\(typed): \(decision.status)")
            }
        }
    }

    @Test("property: over a synthetic population, absent people are never linked and every link is right")
    func populationProperty() {
        // One birth year only, so that namesakes with the same date are common.
        var population = SyntheticPopulation(seed: 77)
        let people = (0..<20_000).map { _ in population.person(yearRange: 2012...2012) }
        let verifier = Verifier(index: RegistryIndex(people))
        var linksOfPresent = 0
        for _ in 0..<1_500 {
            let absent = population.person(yearRange: 2012...2012)
            let record = population.record(of: absent, damage: population.randomDamage())
            #expect(verifier.verify(record).linkedPerson == nil, "absent \(record.fullName) was linked")
        }
        for person in people.prefix(1_500) {
            let record = population.record(of: person, damage: population.randomDamage())
            if let linked = verifier.verify(record).linkedPerson {
                #expect(linked == person, "\(record.fullName) linked to \(linked.fullName)")
                linksOfPresent += 1
            }
        }
        #expect(linksOfPresent > 300, "auto-linking should still link clear cases: \(linksOfPresent)")
    }

    @Test("a record carrying someone else's ID is never verified as that person")
    func copiedID() throws {
        var population = SyntheticPopulation(seed: 5)
        let people = (0..<1_000).map { _ in population.person() }
        let verifier = Verifier(index: RegistryIndex(people))
        for (owner, other) in zip(people.prefix(200), people.dropFirst(200).prefix(200)) {
            let record = PersonRecord(
                citizenID: owner.citizenID.digits, fullName: other.fullName, dateOfBirth: other.dateOfBirth,
                sex: owner.sex, birthProvince: other.birthProvince)
            let decision = verifier.verify(record)
            if decision.linkedPerson == owner {
                // Only a true namesake born the same day could pass; the generator makes that vanishingly rare.
                let name = NameComparison(
                    typed: other.fullName, familyName: owner.familyName, middleName: owner.middleName,
                    givenName: owner.givenName)
                #expect(name.agreesAfterRepair && owner.dateOfBirth?.year == other.dateOfBirth?.year)
            }
        }
    }
}
