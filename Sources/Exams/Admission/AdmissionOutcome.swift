import ExamRules

/// What the clearing decided for one candidate, with the reason for every wish above the one
/// admitted: the programme's cutoff beside the candidate's score.
struct AdmissionOutcome: Codable, Sendable {
    struct WishLine: Codable, Sendable {
        let rank: Int
        let programCode: String
        /// The admission score at this programme, when the candidate has one.
        let score: Points?
        /// The method that gave the score: exam, transcript, competency or direct.
        let method: AdmissionMethod.Kind?
        /// The combination (exam, transcript) or the test (competency) the score comes from.
        let basis: String?
        /// admitted; cutoff_not_met (the programme filled with stronger candidates); below_threshold;
        /// no_score (no method of the programme gives the candidate a score: a subject of every
        /// combination, the transcript, the test or the grant is missing); not_considered (below
        /// the wish admitted).
        let status: String
        /// The programme's cutoff when it filled (for the method of `method` when the
        /// programme's seats are split between its methods).
        let cutoff: Points?
        /// At a programme whose seats are split between its methods: each method that gives the
        /// candidate a score at or above the threshold, best first, with that method's cutoff.
        let methods: [MethodLine]?
    }

    /// One method's score and cutoff at a programme whose seats are split between its methods.
    struct MethodLine: Codable, Sendable {
        let method: AdmissionMethod.Kind
        let basis: String?
        let score: Points
        let cutoff: Points?
    }

    let registrationId: String
    let fullName: String
    let programCode: String?
    let programName: String?
    let score: Points?
    /// The method the candidate is admitted by.
    let method: AdmissionMethod.Kind?
    /// The combination or the test of the admitted score.
    let basis: String?
    let priorityLevel: Points
    let wishes: [WishLine]
    let confirmed: Bool
}
