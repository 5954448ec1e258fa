import ExamRules

/// What the clearing decided for one candidate, with the reason for every wish above the one
/// admitted: the programme's cutoff beside the candidate's score.
struct AdmissionOutcome: Codable, Sendable {
    struct WishLine: Codable, Sendable {
        let rank: Int
        let programCode: String
        /// The admission score at this programme, when the candidate has one.
        let score: Points?
        let combination: String?
        /// admitted; cutoff_not_met (the programme filled with stronger candidates); below_threshold;
        /// no_combination (a subject of every accepted combination is missing); not_considered
        /// (below the wish admitted).
        let status: String
        /// The programme's cutoff when it filled.
        let cutoff: Points?
    }

    let registrationId: String
    let fullName: String
    let programCode: String?
    let programName: String?
    let score: Points?
    let priorityLevel: Points
    let wishes: [WishLine]
    let confirmed: Bool
}
