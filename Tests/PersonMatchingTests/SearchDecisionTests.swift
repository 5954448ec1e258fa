import CitizenID
import Testing
@testable import PersonMatching

@Suite("Decisions for records without an ID")
struct SearchDecisionTests {
    static func person(_ id: String, _ family: String, _ middle: String, _ given: String, _ dob: String, _ sex: Sex)
        -> RegistryPerson {
        try! RegistryPerson(
            citizenID: id, familyName: family, middleName: middle, givenName: given,
            dateOfBirth: CivilDate.parse(dob), sex: sex, birthProvince: "048")
    }

    static let khue = person("048310000001", "Lê", "Minh", "Khuê", "14/02/2010", .female)
    static let twinA = person("048210000002", "Phạm", "Gia", "Bảo", "03/03/2010", .male)
    static let twinB = person("048210000003", "Phạm", "Gia", "Bảo", "03/03/2010", .male)
    static let verifier: Verifier = {
        var population = SyntheticPopulation(seed: 7)
        let others = (0..<2_000).map { _ in population.person() }
        return Verifier(index: RegistryIndex(others + [khue, twinA, twinB]))
    }()

    private func record(_ name: String, _ dob: String, _ sex: Sex?, province: String? = "048") -> PersonRecord {
        PersonRecord(fullName: name, dateOfBirth: CivilDate.parse(dob), sex: sex, birthProvince: province)
    }

    @Test("a clean record of a rare name is auto-linked with its explanation")
    func autoLinked() throws {
        let decision = Self.verifier.verify(record("Lê Minh Khuê", "14/02/2010", .female))
        guard case .autoLinked(let evidence) = decision else {
            Issue.record("expected auto_linked, got \(decision.status)"); return
        }
        #expect(evidence.best.person == Self.khue)
        #expect(evidence.explanation.fields.count == MatchField.allCases.count)
        #expect(evidence.explanation.fields.allSatisfy { !$0.labelVI.isEmpty && !$0.evidence.isEmpty })
        #expect(decision.linkedPerson == Self.khue)
    }

    @Test("a record whose date is only the year, or one day off, is a candidate for review")
    func candidateOnly() {
        for dob in ["2010", "13/02/2010"] {
            let decision = Self.verifier.verify(record("Le Minh Khue", dob, .female))
            guard case .candidateFound(let evidence) = decision else {
                Issue.record("expected candidate_found for \(dob), got \(decision.status)"); continue
            }
            #expect(evidence.best.person == Self.khue)
            #expect(decision.linkedPerson == nil)
        }
    }

    @Test("twins with the same name and date are ambiguous, never linked")
    func twins() {
        let decision = Self.verifier.verify(record("Phạm Gia Bảo", "03/03/2010", .male))
        guard case .ambiguous(let candidates) = decision else {
            Issue.record("expected ambiguous, got \(decision.status)"); return
        }
        #expect(Set(candidates.map(\.person)) == [Self.twinA, Self.twinB])
        #expect(decision.linkedPerson == nil)
    }

    @Test("a person nobody resembles is not found")
    func notFound() {
        #expect(Self.verifier.verify(record("Âu Dương Phong Vũ", "01/01/1990", .male)) == .notFound)
    }

    @Test("an ID the registry lacks, one keystroke from the found person's, is that person's ID mistyped: linked")
    func mistypedIDIsLinked() {
        // Khuê's ID is 048310000001: the last two digits swapped, and the last digit mistyped.
        for typed in ["048310000010", "048310000007"] {
            var typo = record("Lê Minh Khuê", "14/02/2010", .female)
            typo.citizenID = typed
            let decision = Self.verifier.verify(typo)
            guard case .idNotFound(.autoLinked(let evidence)) = decision else {
                Issue.record("expected id_not_found with a link for \(typed), got \(decision)"); continue
            }
            #expect(evidence.best.person == Self.khue)
            #expect(decision.linkedPerson == Self.khue)
        }
        // The sex digit mistyped (2, a boy's, for a girl): the ID contradicts the record and is
        // invalid, but it is still one keystroke from Khuê's.
        var wrongSexDigit = record("Lê Minh Khuê", "14/02/2010", .female)
        wrongSexDigit.citizenID = "048210000001"
        let invalid = Self.verifier.verify(wrongSexDigit)
        guard case .idInvalid(_, .autoLinked(let evidence)) = invalid else {
            Issue.record("expected id_invalid with a link, got \(invalid)"); return
        }
        #expect(evidence.best.person == Self.khue)
        #expect(evidence.linkWeight >= VerificationPolicy().autoLinkWeight)
        // Two digits off is as likely another person the registry does not hold: review.
        var farOff = record("Lê Minh Khuê", "14/02/2010", .female)
        farOff.citizenID = "048310000099"
        let decision = Self.verifier.verify(farOff)
        guard case .idNotFound(.candidateFound(let evidence)) = decision else {
            Issue.record("expected id_not_found with a candidate, got \(decision)"); return
        }
        #expect(evidence.best.person == Self.khue)
        #expect(decision.linkedPerson == nil)
    }

    @Test("one keystroke: one digit changed or two neighbours swapped, nothing more")
    func oneKeystroke() {
        #expect(Verifier.oneKeystrokeApart("001208123456", "001208123457"))
        #expect(Verifier.oneKeystrokeApart("001208123465", "001208123456"))
        #expect(!Verifier.oneKeystrokeApart("001208123456", "001208123456"))
        #expect(!Verifier.oneKeystrokeApart("001208623451", "001208123456"), "a swap of digits apart is two keystrokes")
        #expect(!Verifier.oneKeystrokeApart("001208123499", "001208123456"))
        #expect(!Verifier.oneKeystrokeApart("01208123456", "001208123456"))
    }

    @Test("a rare family and middle name lift the link weight, but a link still needs the search to have looked a whole gap below it")
    func rareNamesDoNotSkipTheGap() {
        // A common given name (one woman in eight is an Anh here) under a rare family and middle
        // name, typed without the birth province: the weight stays under the search's floor plus the
        // gap, so namesakes the search did not list could be closer than the gap.
        var population = SyntheticPopulation(seed: 19)
        var people = (0..<2_000).map { _ in population.person() }
        for _ in 0..<300 {
            let other = population.person()
            people.append(try! RegistryPerson(
                citizenID: other.citizenID.digits, familyName: other.familyName, middleName: other.middleName, givenName: "Anh",
                dateOfBirth: other.dateOfBirth, sex: .female, birthProvince: other.birthProvince))
        }
        let rare = Self.person("048310000009", "Quách", "Khổng", "Anh", "05/05/2010", .female)
        let verifier = Verifier(index: RegistryIndex(people + [rare]))
        let decision = verifier.verify(record("Quách Khổng Anh", "05/05/2010", .female, province: nil))
        guard case .candidateFound(let evidence) = decision else {
            Issue.record("expected candidate_found, got \(decision)"); return
        }
        #expect(evidence.best.person == rare)
        let policy = VerificationPolicy()
        #expect(evidence.linkWeight >= policy.autoLinkWeight, "the link weight alone would link")
        #expect(evidence.best.weight < policy.reviewWeight + policy.autoLinkGap, "the search listed no one a gap below")
    }

    @Test("conflicting sex forbids a link whatever the score")
    func conflictingSex() {
        let decision = Self.verifier.verify(record("Lê Minh Khuê", "14/02/2010", .male))
        #expect(decision.status != "auto_linked")
        #expect(decision.linkedPerson == nil)
    }
}
