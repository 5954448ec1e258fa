import Clearing
import ExamRules

/// One wish as the clearing sees it: what each of the programme's methods gives the candidate,
/// the best of them as the wish's headline, or why the wish is not admissible.
struct WishScore {
    /// A score one method of the programme gives the candidate, at or above the threshold.
    struct MethodScore {
        /// The method's index in the programme's methods.
        let method: Int
        let kind: AdmissionMethod.Kind
        /// The combination (exam, transcript) or the test (competency) the score comes from.
        let basis: String?
        let score: Points
    }

    let rank: Int
    let program: Int
    /// The admissible methods, best first (ties in the programme's order); empty when none is.
    let methods: [MethodScore]
    /// Why no method is admissible: no_score or below_threshold.
    let problem: String?
    /// The best method below the threshold, for a below_threshold wish.
    let below: MethodScore?

    /// Direct admission sits above every score: the highest score with a tie-breaker no other method has.
    static let directTier = AdmissionScore(units: 1)

    /// The best admissible method: the one a programme with one quota admits by.
    var best: MethodScore? { methods.first }

    /// The kernel's wishes: one at the programme for its best method, or, at a programme whose
    /// seats are split between its methods, one at each method's own seats, best method first,
    /// all with the wish's rank (the instance is built with `ranksMayRepeat`).
    func kernelWishes(_ seats: ClearingSeats, split: Bool) -> [Wish] {
        let tried = split ? methods : Array(methods.prefix(1))
        return tried.map { method in
            Wish(program: seats.unit(program: program, method: method.method), rank: rank,
                 score: AdmissionScore(units: UInt32(method.score.hundredths * 100)),
                 tiebreak: method.kind == .direct ? Self.directTier : .zero)
        }
    }

    /// What the candidate's exam scores, evidence and priority level give at the programme under
    /// each of its methods (direct admission, when granted, scores 30), or the reason none does.
    static func evaluate(rank: Int, program index: Int, _ program: AdmissionProgram, scores: [String: Points], exemptLanguage: Bool,
                         evidence: AdmissionEvidence, level: Points) -> WishScore {
        var found: [MethodScore] = []
        for (position, method) in program.admissionMethods.enumerated() {
            let total: (basis: String?, total: Points)?
            switch method.kind {
            case .exam: total = program.bestTotal(scores: scores, exemptLanguage: exemptLanguage).map { ($0.combination, $0.total) }
            case .transcript:
                total = evidence.transcript.flatMap { program.bestTotal(scores: $0, exemptLanguage: false) }.map { ($0.combination, $0.total) }
            case .competency:
                total = method.table.flatMap { table in
                    evidence.tests?[table.test.rawValue].flatMap(table.convert).map { (table.test.rawValue, $0) }
                }
            case .direct:
                guard evidence.directPrograms?.contains(program.code) == true else { continue }
                found.append(MethodScore(method: position, kind: .direct, basis: nil, score: AdmissionScoring.maximum))
                continue
            }
            guard let total else { continue }
            found.append(MethodScore(method: position, kind: method.kind, basis: total.basis,
                                     score: AdmissionScoring.score(total: total.total, priorityLevel: level)))
        }
        // Direct admission first, then by score; a stable sort keeps the programme's order in ties.
        let ordered = found.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.kind == .direct ? 1 : 0, lhs.element.score), right = (rhs.element.kind == .direct ? 1 : 0, rhs.element.score)
            return left != right ? left > right : lhs.offset < rhs.offset
        }.map(\.element)
        let admissible = ordered.filter { $0.score >= program.threshold }
        if !admissible.isEmpty {
            return WishScore(rank: rank, program: index, methods: admissible, problem: nil, below: nil)
        }
        return WishScore(rank: rank, program: index, methods: [], problem: ordered.isEmpty ? "no_score" : "below_threshold",
                         below: ordered.first)
    }
}

extension WishScore {
    /// Each wish's line of a candidate's outcome: admitted, or why not, beside the cutoff of the
    /// programme (and of each of its methods when its seats are split) that the clearing met.
    static func explain(_ wishes: [WishScore], admitted: (program: Int, method: Int?)?, programs: [AdmissionProgram],
                        seats: ClearingSeats, cutoffs: [Points?]) -> [AdmissionOutcome.WishLine] {
        var reached = true
        return wishes.map { wish in
            let split = programs[wish.program].isSplit
            let isAdmitted = wish.program == admitted?.program
            let headline = isAdmitted ? wish.methods.first { !split || $0.method == admitted?.method } : wish.best ?? wish.below
            let status: String
            if let problem = wish.problem {
                status = reached ? problem : "not_considered"
            } else if isAdmitted {
                status = "admitted"
                reached = false
            } else {
                status = reached ? "cutoff_not_met" : "not_considered"
            }
            let cutoff = { (method: Int) in cutoffs[seats.unit(program: wish.program, method: method)] }
            return AdmissionOutcome.WishLine(
                rank: wish.rank, programCode: programs[wish.program].code, score: wish.problem == nil ? headline?.score : nil,
                method: headline?.kind, basis: headline?.basis, status: status, cutoff: cutoff(headline?.method ?? 0),
                methods: split && wish.problem == nil
                    ? wish.methods.map { AdmissionOutcome.MethodLine(method: $0.kind, basis: $0.basis, score: $0.score, cutoff: cutoff($0.method)) }
                    : nil)
        }
    }
}
