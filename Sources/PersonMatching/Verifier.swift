import CitizenID

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
        verify(record, reusing: nil)
    }

    /// Each record's decision, in order. The words of their names are prepared once (`TypedWords`)
    /// for them and the runs before: give one thread's share of a batch at a time.
    public func verify(_ records: some Collection<PersonRecord>) -> [VerificationDecision] {
        var decisions: [VerificationDecision] = []
        decisions.reserveCapacity(records.count)
        verify(records) { decisions.append($0) }
        return decisions
    }

    /// Each record's decision, in order, handed to `decided` as it is made: a caller that
    /// places the decisions itself (`ParallelChunks.collect`) copies none.
    public func verify(_ records: some Collection<PersonRecord>, _ decided: (consuming VerificationDecision) -> Void) {
        TypedWords.withCache { typed in
            for record in records { decided(verify(record, reusing: typed)) }
        }
    }

    private func verify(_ record: PersonRecord, reusing typed: TypedWords?) -> VerificationDecision {
        let prepared = PreparedRecord(record, reusing: typed)
        switch IDScreening.screen(record, asOfYear: policy.asOfYear) {
        case .noID:
            return search(prepared, allowAutoLink: true).decision
        case .invalid(let problems, let readable):
            return .idInvalid(problems: problems, search: search(
                prepared, allowAutoLink: policy.autoLinkWhenIDFails, typedID: readable))
        case .valid(let id, let repair):
            guard let position = index.position(of: id), let person = index.person(at: position) else {
                return .idNotFound(search: search(prepared, allowAutoLink: policy.autoLinkWhenIDFails, typedID: id))
            }
            return compareByID(prepared, person: person, position: position, idFixes: repair)
        }
    }

    /// Searches the registry by the record's other fields. `typedID` is the ID the record
    /// carried when it failed: a best candidate whose ID is one keystroke from it may be
    /// linked whatever `allowAutoLink` says, by the same weight, gap and conflict rules.
    public func search(_ record: PreparedRecord, allowAutoLink: Bool = true, typedID: CitizenID? = nil) -> SearchOutcome {
        // Below this floor a candidate changes no decision: it is not worth reviewing, and a best
        // candidate that may be linked (weighing at least the floor plus the auto-link gap) clears
        // the gap over it.
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
        let frequencies = index.familyAndMiddleFrequency(at: best.position)
        var evidence = LinkEvidence(
            best: best, runnerUp: runnerUp,
            explanation: model.explain(record, best.person, givenNameFrequency: best.givenNameFrequency),
            linkWeight: model.linkWeight(best, familyFrequency: frequencies.family, middleFrequency: frequencies.middle))
        // Without a runner-up the gap is clear only if the search looked a whole gap below the best:
        // a rare name's link weight can pass the threshold with a weight that does not.
        let gapIsClear = runnerUp.map { best.weight - $0.weight >= policy.autoLinkGap }
            ?? (best.weight - floor >= policy.autoLinkGap)
        let typoOfID = typedID.map { Verifier.oneKeystrokeApart($0.digits, best.person.citizenID.digits) } ?? false
        guard allowAutoLink || typoOfID, evidence.linkWeight >= policy.autoLinkWeight, gapIsClear,
              !Verifier.conflicts(best.comparison.vector) else { return .candidateFound(evidence) }
        guard !typoOfID, let limit = policy.maximumNamesakes else { return .autoLinked(evidence) }
        let namesakes = index.namesakes(of: best.position, recordSex: record.sexCode, recordProvince: record.province,
                                        anyMiddleName: !best.comparison.vector.middleName.agrees)
        evidence.namesakes = namesakes
        return namesakes <= limit ? .autoLinked(evidence) : .candidateFound(evidence)
    }

    /// Whether `typed` is `actual` with one digit mistyped or two neighbouring digits swapped.
    /// An ID the registry does not know may be a person it does not hold; but a namesake born the
    /// same day shares only the first six digits (province, century and sex, year), and the other
    /// six of the typed ID are about 60 of a million values one keystroke from the namesake's. The
    /// weight, gap and conflict rules still apply to such a link.
    static func oneKeystrokeApart(_ typed: String, _ actual: String) -> Bool {
        let a = Array(typed.utf8), b = Array(actual.utf8)
        guard a.count == b.count else { return false }
        let differing = a.indices.filter { a[$0] != b[$0] }
        switch differing.count {
        case 1: return true
        case 2:
            let (i, j) = (differing[0], differing[1])
            return j == i + 1 && a[i] == b[j] && a[j] == b[i]
        default: return false
        }
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
