import PersonMatching

/// What a verification stores for one record, derived from the verifier's decision: the status
/// (DOMAIN.md §1.6), the registry person it is linked to or proposed for review, and the evidence
/// a school officer or a reviewer reads. Codable, so it is stored and served as it is.
public struct IdentityCheckOutcome: Sendable, Codable, Equatable {
    /// A registry person shown with a record: a link, a proposal, or the ID's holder in a mismatch.
    public struct Candidate: Sendable, Codable, Equatable {
        public var citizenID: String
        public var fullName: String
        public var dateOfBirth: String
        public var sex: String?
        public var birthProvince: String?
        /// Fellegi–Sunter weight in bits (nil for the holder of the record's own ID).
        public var weight: Double?
        public var matchProbability: Double?
        /// Field by field: level, weight and the two values compared.
        public var fields: [FieldExplanation]
    }

    public struct Problem: Sendable, Codable, Equatable {
        public var code: String
        public var messageVI: String
        public var messageEN: String
    }

    public struct Correction: Sendable, Codable, Equatable {
        public var field: String
        public var current: String
        public var suggested: String
        public var reasonVI: String
        public var reasonEN: String
    }

    public var status: String
    /// The registry person the record is linked to without a person's decision: its own ID
    /// verified, or an automatic link far above the threshold.
    public var linkedID: String?
    /// The person proposed for a reviewer to confirm (the best of `candidates`).
    public var candidateID: String?
    /// The weight of the link or the proposal.
    public var weight: Double?
    /// What an automatic link is measured by: the weight with the family and middle names weighed by
    /// their frequency (`MatchModel.linkWeight`). Set with `weight` for a link or a proposal.
    public var linkWeight: Double?
    /// Registry people who could be the record's person as well as the proposed one, that one included
    /// (the name and birth year of the proposed person, the record's sex and province;
    /// `RegistryIndex.namesakes`): counted when the link weight and the gap allowed an automatic link,
    /// which more namesakes than `VerificationPolicy.maximumNamesakes` allows turn into a proposal.
    public var namesakes: Int?
    /// What a search by name and date of birth concluded, when the ID could not settle it.
    public var search: String?
    public var corrections: [Correction]
    public var disagreements: [FieldExplanation]
    public var problems: [Problem]
    public var candidates: [Candidate]

    /// Whether a person must decide: a proposal, or several lookalikes to choose from.
    public var needsReview: Bool { candidateID != nil }

    public init(_ decision: VerificationDecision) {
        status = decision.status
        linkedID = decision.linkedPerson?.citizenID.digits
        candidateID = nil
        weight = nil
        linkWeight = nil
        namesakes = nil
        search = nil
        corrections = []
        disagreements = []
        problems = []
        candidates = []
        switch decision {
        case .verified(let person):
            candidates = [Self.candidate(person, explanation: nil)]
        case .verifiedWithCorrections(let person, let suggested):
            candidates = [Self.candidate(person, explanation: nil)]
            corrections = suggested.map(Self.correction)
        case .mismatch(let person, let fields, let found):
            disagreements = fields
            candidates = [Self.candidate(person, explanation: nil)]
            if let found { apply(found) }
        case .idInvalid(let found, let outcome):
            problems = found.map { Problem(code: $0.code, messageVI: $0.messageVI, messageEN: $0.messageEN) }
            apply(outcome)
        case .idNotFound(let outcome):
            apply(outcome)
        case .candidateFound(let evidence):
            apply(.candidateFound(evidence))
        case .autoLinked(let evidence):
            apply(.autoLinked(evidence))
        case .notFound:
            break
        case .ambiguous(let found):
            apply(.ambiguous(found))
        }
    }

    /// Adds what a search found: a link, with the linked person's ID as the correction the
    /// school should make, or a proposal, which suggests nothing until a person confirms it.
    private mutating func apply(_ outcome: SearchOutcome) {
        switch outcome {
        case .autoLinked(let evidence), .candidateFound(let evidence):
            search = outcome.code
            candidates.append(Self.candidate(evidence.best.person, weight: evidence.best.weight, explanation: evidence.explanation))
            weight = evidence.best.weight
            linkWeight = evidence.linkWeight
            namesakes = evidence.namesakes
            guard case .autoLinked = outcome else {
                candidateID = evidence.best.person.citizenID.digits
                return
            }
            corrections.append(Correction(
                field: "citizenID", current: "", suggested: evidence.best.person.citizenID.digits,
                reasonVI: "mã định danh của người khớp trong CSDL quốc gia về dân cư",
                reasonEN: "the ID of the matching person in the national population database"))
        case .ambiguous(let found):
            search = outcome.code
            candidates += found.map { Self.candidate($0.person, weight: $0.weight, explanation: nil) }
            candidateID = found.first?.person.citizenID.digits
            weight = found.first?.weight
        case .notFound:
            search = outcome.code
        }
    }

    private static func candidate(_ person: RegistryPerson, weight: Double? = nil, explanation: MatchExplanation?) -> Candidate {
        Candidate(citizenID: person.citizenID.digits, fullName: person.fullName,
                  dateOfBirth: person.dateOfBirth?.vietnameseFormat ?? "", sex: person.sex?.rawValue,
                  birthProvince: person.birthProvince, weight: weight, matchProbability: explanation?.matchProbability,
                  fields: explanation?.fields ?? [])
    }

    private static func correction(_ suggested: SuggestedCorrection) -> Correction {
        Correction(field: suggested.field.rawValue, current: suggested.current, suggested: suggested.suggested,
                   reasonVI: suggested.reasonVI, reasonEN: suggested.reasonEN)
    }
}

extension SearchOutcome {
    /// The status word of a search's conclusion.
    var code: String {
        switch self {
        case .candidateFound: "candidate_found"
        case .autoLinked: "auto_linked"
        case .notFound: "not_found"
        case .ambiguous: "ambiguous"
        }
    }
}
