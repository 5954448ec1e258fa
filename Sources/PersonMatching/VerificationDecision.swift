/// A registry candidate proposed for a record without a usable ID, with the evidence.
public struct LinkEvidence: Sendable, Hashable {
    public let best: ScoredCandidate
    public let runnerUp: ScoredCandidate?
    public let explanation: MatchExplanation
    /// The best candidate's weight with the family and middle names weighed by their own
    /// frequencies (`MatchModel.linkWeight`): what an automatic link must clear.
    public let linkWeight: Double
    /// Registry people who could be the record's person as well as the best candidate, that one included
    /// (`RegistryIndex.namesakes`), counted when the candidate would otherwise have been linked; more than
    /// `VerificationPolicy.maximumNamesakes` sends it to review.
    public var namesakes: Int?
    /// Bits between the best candidate and the runner-up (nil when there is none).
    public var gap: Double? { runnerUp.map { best.weight - $0.weight } }
}

/// What a search of the registry by name, date of birth, sex and province concluded.
public enum SearchOutcome: Sendable, Hashable {
    /// One likely person, for a person to confirm (then re-verify by ID).
    case candidateFound(LinkEvidence)
    /// One person beyond doubt: high weight, clear gap, no conflicting sex or date.
    case autoLinked(LinkEvidence)
    case notFound
    /// Several people too close to tell apart (twins, namesakes): best first.
    case ambiguous([ScoredCandidate])
}

/// A suggested correction to the school's record, never applied by this module.
public struct SuggestedCorrection: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, Codable {
        case citizenID, fullName, dateOfBirth, sex
    }

    public let field: Field
    public let current: String
    public let suggested: String
    public let reasonEN: String
    public let reasonVI: String
}

/// The verification status of one school record (DOMAIN.md §1.6).
public enum VerificationDecision: Sendable, Hashable {
    /// ID found; name, date of birth and sex agree after normalisation (case, spacing).
    case verified(RegistryPerson)
    /// ID found; they agree only after repairs the school should make.
    case verifiedWithCorrections(RegistryPerson, corrections: [SuggestedCorrection])
    /// ID found but fields disagree. When the name is a different name, the ID may be
    /// someone else's, and `search` holds what a search for the record's person found.
    case mismatch(RegistryPerson, disagreements: [FieldExplanation], search: SearchOutcome?)
    /// The ID fails the offline checks; the search is by the other fields.
    case idInvalid(problems: [IDProblem], search: SearchOutcome)
    /// A valid ID the registry does not know; the search is by the other fields.
    case idNotFound(search: SearchOutcome)
    case candidateFound(LinkEvidence)
    case autoLinked(LinkEvidence)
    case notFound
    case ambiguous([ScoredCandidate])

    /// The status code of DOMAIN.md §1.6.
    public var status: String {
        switch self {
        case .verified: "verified"
        case .verifiedWithCorrections: "verified_with_corrections"
        case .mismatch: "mismatch"
        case .idInvalid: "id_invalid"
        case .idNotFound: "id_not_found"
        case .candidateFound: "candidate_found"
        case .autoLinked: "auto_linked"
        case .notFound: "not_found"
        case .ambiguous: "ambiguous"
        }
    }

    /// The registry person the record is now linked to, if any: only a verified ID or
    /// an auto-link links. A candidate is a proposal, not a link.
    public var linkedPerson: RegistryPerson? {
        switch self {
        case .verified(let person), .verifiedWithCorrections(let person, _): person
        case .autoLinked(let evidence): evidence.best.person
        case .idInvalid(_, .autoLinked(let evidence)), .idNotFound(.autoLinked(let evidence)): evidence.best.person
        default: nil
        }
    }
}

extension SearchOutcome {
    /// The same outcome as a top-level decision, for a record that had no ID.
    var decision: VerificationDecision {
        switch self {
        case .candidateFound(let evidence): .candidateFound(evidence)
        case .autoLinked(let evidence): .autoLinked(evidence)
        case .notFound: .notFound
        case .ambiguous(let candidates): .ambiguous(candidates)
        }
    }
}
