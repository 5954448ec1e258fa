/// Decides the verification status of school records against a `RegistryIndex`
/// (DOMAIN.md §1.6). Pure and `Sendable`: share one verifier across threads.
public struct Verifier: Sendable {
    public let index: RegistryIndex
    public let model: MatchModel
    public let policy: VerificationPolicy

    public init(index: RegistryIndex, model: MatchModel = .shippedDefault, policy: VerificationPolicy = VerificationPolicy()) {
        self.index = index
        self.model = model
        self.policy = policy
    }

    public func verify(_ record: PersonRecord) -> VerificationDecision {
        let prepared = PreparedRecord(record)
        switch IDScreening.screen(record, asOfYear: policy.asOfYear) {
        case .noID:
            return search(prepared, allowAutoLink: true).decision
        case .invalid(let problems):
            return .idInvalid(problems: problems, search: search(prepared, allowAutoLink: policy.autoLinkWhenIDFails))
        case .valid(let id, let repair):
            guard let position = index.position(of: id), let person = index.person(at: position) else {
                return .idNotFound(search: search(prepared, allowAutoLink: policy.autoLinkWhenIDFails))
            }
            return compareByID(prepared, person: person, position: position, idFixes: repair)
        }
    }

    /// Searches the registry by the record's other fields.
    public func search(_ record: PreparedRecord, allowAutoLink: Bool = true) -> SearchOutcome {
        // Below this floor a candidate changes no decision: it is not worth reviewing,
        // and a best candidate above the auto-link weight clears the gap over it.
        let floor = min(policy.reviewWeight, policy.autoLinkWeight - policy.autoLinkGap)
        // A candidate further below the best than both gaps changes no decision: neither the
        // auto-link gap nor the ambiguity test looks that far down.
        let candidates = index.candidates(
            for: record, limit: max(policy.candidateLimit, 2), model: model, minimumWeight: floor,
            decisiveGap: max(policy.autoLinkGap, policy.ambiguityGap))
        guard let best = candidates.first, best.weight >= policy.reviewWeight else { return .notFound }
        let runnerUp = candidates.count > 1 ? candidates[1] : nil
        if let runnerUp, runnerUp.weight >= policy.reviewWeight,
           best.weight - runnerUp.weight < policy.ambiguityGap {
            return .ambiguous(candidates.filter { best.weight - $0.weight < policy.ambiguityGap })
        }
        let evidence = LinkEvidence(
            best: best, runnerUp: runnerUp,
            explanation: model.explain(record, best.person, givenNameFrequency: best.givenNameFrequency))
        let gapIsClear = runnerUp.map { best.weight - $0.weight >= policy.autoLinkGap } ?? true
        if allowAutoLink, best.weight >= policy.autoLinkWeight, gapIsClear, !Verifier.conflicts(best.comparison.vector) {
            return .autoLinked(evidence)
        }
        return .candidateFound(evidence)
    }

    /// Fields whose disagreement forbids an automatic link whatever the score: sex,
    /// a date of birth that is not the same date, and any name that is not the same
    /// name (after folding).
    static func conflicts(_ vector: ComparisonVector) -> Bool {
        vector.sex == .different || vector.dateOfBirth != .exact
            || !vector.givenName.agrees || !vector.familyName.agrees
            || vector.middleName == .different || vector.middleName == .typo
    }
}
