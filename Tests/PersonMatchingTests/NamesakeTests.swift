import CitizenID
import Foundation
import Testing
@testable import PersonMatching

/// An automatic link needs its person to be alone in the registry with their name, sex and birth
/// year: a person the registry does not hold, bearing that name, would share the date of birth of
/// one of n such people with a chance of about n in 365.
@Suite("Namesakes in the birth year")
struct NamesakeTests {
    static let khue = SearchDecisionTests.person("048310000001", "Lê", "Minh", "Khuê", "14/02/2010", .female)

    /// Khuê among 2,000 synthetic people and `others`.
    private func verifier(_ others: [RegistryPerson], policy: VerificationPolicy = VerificationPolicy()) -> Verifier {
        var population = SyntheticPopulation(seed: 11)
        let people = (0..<2_000).map { _ in population.person() }
        return Verifier(index: RegistryIndex(people + [Self.khue] + others), policy: policy)
    }

    private func khuesRecord(sex: Sex? = .female, province: String? = "048", citizenID: String? = nil) -> PersonRecord {
        PersonRecord(citizenID: citizenID, fullName: "Lê Minh Khuê", dateOfBirth: CivilDate.parse("14/02/2010"),
                     sex: sex, birthProvince: province)
    }

    private func namesake(_ id: String, middle: String = "Minh", given: String = "Khuê", dob: String = "20/07/2010",
                          sex: Sex? = .female, province: String? = "048") -> RegistryPerson {
        try! RegistryPerson(citizenID: id, familyName: "Lê", middleName: middle, givenName: given,
                            dateOfBirth: CivilDate.parse(dob), sex: sex, birthProvince: province)
    }

    @Test("alone with the name in the year: linked, the count saying one")
    func aloneIsLinked() {
        let decision = verifier([]).verify(khuesRecord())
        guard case .autoLinked(let evidence) = decision else { Issue.record("expected auto_linked, got \(decision.status)"); return }
        #expect(evidence.best.person == Self.khue)
        #expect(evidence.namesakes == 1)
    }

    @Test("a namesake born the same year, another day: the same evidence is proposed for review, not linked")
    func namesakeInTheYearIsReviewed() {
        let other = namesake("048310000002")
        let decision = verifier([other]).verify(khuesRecord())
        guard case .candidateFound(let evidence) = decision else { Issue.record("expected candidate_found, got \(decision.status)"); return }
        #expect(evidence.best.person == Self.khue)
        #expect(evidence.namesakes == 2)
        // The weights alone would have linked: the gap to the namesake born another day is clear.
        #expect(evidence.linkWeight >= VerificationPolicy().autoLinkWeight)
        #expect(evidence.runnerUp.map { evidence.best.weight - $0.weight >= VerificationPolicy().autoLinkGap } ?? true)
        // A policy that accepts two namesakes links.
        let lenient = verifier([other], policy: VerificationPolicy(maximumNamesakes: 2)).verify(khuesRecord())
        #expect(lenient.linkedPerson == Self.khue)
    }

    @Test("who counts: the folded name, the year, the record's sex and province when it names them")
    func whoCounts() {
        let counted = [
            namesake("048310000002", given: "Khuế"),                       // same name once folded
            namesake("048310000003", province: nil),                      // province unknown to the registry
            namesake("048310000008", sex: nil),                           // sex unknown to the registry
        ]
        let notCounted = [
            namesake("048310000004", middle: "Thị Minh"),                         // another middle name
            namesake("048310000005", dob: "20/07/2011"),                  // another year
            namesake("001310000006", province: "001"),                    // another province
            namesake("048210000007", sex: .male),                         // another sex
        ]
        let verifier = verifier(counted + notCounted, policy: VerificationPolicy(maximumNamesakes: 10))
        let index = verifier.index
        guard let position = index.position(of: Self.khue.citizenID) else { Issue.record("Khuê not indexed"); return }
        func count(sex: UInt8 = SexCode.of(.female), province: UInt16 = 48, anyMiddleName: Bool = false) -> Int {
            index.namesakes(of: position, recordSex: sex, recordProvince: province, anyMiddleName: anyMiddleName)
        }
        #expect(count() == 4)
        // A record without a province could be a person of any province; without a sex, of either; a
        // record whose middle name does not tell them apart, with any middle name.
        #expect(count(province: 0) == 5)
        #expect(count(sex: 0) == 5)
        #expect(count(sex: 0, province: 0) == 6)
        #expect(count(anyMiddleName: true) == 5)
        // The search counts with the record's own fields.
        guard case .autoLinked(let evidence) = verifier.verify(khuesRecord()) else {
            Issue.record("expected auto_linked under a lenient policy"); return
        }
        #expect(evidence.namesakes == 4)
    }

    @Test("a namesake in another province does not hold back a record naming its province")
    func provinceOfTheRecord() {
        let elsewhere = namesake("001310000002", province: "001")
        let decision = verifier([elsewhere]).verify(khuesRecord())
        guard case .autoLinked(let evidence) = decision else { Issue.record("expected auto_linked, got \(decision.status)"); return }
        #expect(evidence.namesakes == 1)
    }

    @Test("middle names of several words count when they fold to the same words, and only then")
    func multiWordMiddleNames() {
        let thu = try! RegistryPerson(citizenID: "048310000011", familyName: "Lê", middleName: "Thị Minh", givenName: "Thư",
                                      dateOfBirth: CivilDate.parse("02/03/2010"), sex: .female, birthProvince: "048")
        func other(_ id: String, _ middle: String) -> RegistryPerson {
            try! RegistryPerson(citizenID: id, familyName: "Lê", middleName: middle, givenName: "Thư",
                                dateOfBirth: CivilDate.parse("09/09/2010"), sex: .female, birthProvince: "048")
        }
        // "Thi Minh" folds to Thị Minh's words; "Minh Thị", "Thị" and "Thị Minh Ngọc" do not.
        let index = verifier([thu, other("048310000012", "Thi Minh"), other("048310000013", "Minh Thị"),
                              other("048310000014", "Thị"), other("048310000015", "Thị Minh Ngọc")]).index
        guard let position = index.position(of: thu.citizenID) else { Issue.record("Thư not indexed"); return }
        #expect(index.namesakes(of: position, recordSex: SexCode.of(.female), recordProvince: 48, anyMiddleName: false) == 2)
    }

    @Test("the person found counts even when born in another province than the record says")
    func personFoundAlwaysCounts() {
        // Khuê is registered in 048; a namesake in 001, where the record says the person was born.
        let elsewhere = namesake("001310000002", province: "001")
        let index = verifier([elsewhere]).index
        guard let position = index.position(of: Self.khue.citizenID) else { Issue.record("Khuê not indexed"); return }
        #expect(index.namesakes(of: position, recordSex: SexCode.of(.female), recordProvince: 1, anyMiddleName: false) == 2)
    }

    @Test("a record without its middle name counts the namesakes of any middle name")
    func missingMiddleName() {
        let others = [namesake("048310000002", middle: "Thị"), namesake("048310000003", middle: "Thị Minh")]
        let record = PersonRecord(fullName: "Lê Khuê", dateOfBirth: CivilDate.parse("14/02/2010"), sex: .female, birthProvince: "048")
        // Without its middle name the record weighs less: a lower link threshold lets the weights link it.
        let lenient = VerificationPolicy(autoLinkWeight: 16, maximumNamesakes: 10)
        let decision = verifier(others, policy: lenient).verify(record)
        guard case .autoLinked(let evidence) = decision else { Issue.record("expected auto_linked, got \(decision.status)"); return }
        #expect(evidence.best.person == Self.khue && evidence.namesakes == 3)
        #expect(verifier(others, policy: VerificationPolicy(autoLinkWeight: 16)).verify(record).linkedPerson == nil)
    }

    @Test("an ID one keystroke from the person's is evidence no namesake shares: linked")
    func mistypedIDIsLinkedAmongNamesakes() {
        let decision = verifier([namesake("048310000002")]).verify(khuesRecord(citizenID: "048310000010"))
        guard case .idNotFound(.autoLinked(let evidence)) = decision else { Issue.record("expected a link, got \(decision)"); return }
        #expect(evidence.best.person == Self.khue)
        #expect(evidence.namesakes == nil)
    }

    @Test("a policy saved before the namesake test decodes to one without it; a saved limit is kept")
    func policyDecoding() throws {
        let before = #"{"reviewWeight":12,"autoLinkWeight":28,"autoLinkGap":10,"ambiguityGap":4,"candidateLimit":5,"autoLinkWhenIDFails":false}"#
        let decoded = try JSONDecoder().decode(VerificationPolicy.self, from: Data(before.utf8))
        #expect(decoded.maximumNamesakes == nil)
        #expect(decoded.autoLinkWeight == 28)
        for saved in [VerificationPolicy(maximumNamesakes: 3), VerificationPolicy(maximumNamesakes: nil)] {
            #expect(try JSONDecoder().decode(VerificationPolicy.self, from: JSONEncoder().encode(saved)) == saved)
        }
        // Without the test, a namesake in the year does not hold a link back.
        let other = namesake("048310000002")
        #expect(verifier([other], policy: decoded).verify(khuesRecord()).linkedPerson == Self.khue)
    }
}
