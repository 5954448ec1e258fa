import Grading

/// How the cohort's outcomes spread, printed as a sanity check that the synthetic gradebooks exercise
/// every branch of the rules in plausible proportions.
struct OutcomeSummary {
    private(set) var learners = 0
    private(set) var failures = 0
    private var decisions: [PromotionOutcome: Int] = [:]
    private var awards: [Award?: Int] = [:]
    private var yearLevels: [LearningLevel?: Int] = [:]
    private var conduct: [ConductRating: Int] = [:]
    private var failedConditions: [PromotionCondition: Int] = [:]

    init(_ parts: [Outcomes]) {
        for outcomes in parts {
            for outcome in outcomes { add(outcome) }
        }
    }

    private mutating func add(_ outcome: Result<YearOutcome, GradingError>) {
        learners += 1
        guard case .success(let year) = outcome else {
            failures += 1
            return
        }
        decisions[year.decision.outcome, default: 0] += 1
        awards[year.award, default: 0] += 1
        yearLevels[year.levels.year, default: 0] += 1
        conduct[year.conduct, default: 0] += 1
        for condition in year.decision.failed.conditions { failedConditions[condition, default: 0] += 1 }
    }

    var lines: [String] {
        func share(_ count: Int?) -> String { Format.percent(count ?? 0, of: learners) }
        let levels: [LearningLevel] = [.tot, .kha, .dat, .chuaDat]
        let ratings: [ConductRating] = [.tot, .kha, .dat, .chuaDat]
        return [
            "learners \(Format.count(learners)), errors \(failures)",
            "decision: promoted \(share(decisions[.promoted])), summer \(share(decisions[.summerRequired])), "
                + "repeat \(share(decisions[.repeatYear]))",
            "failed condition: learning \(share(failedConditions[.learning])), "
                + "conduct \(share(failedConditions[.conduct])), attendance \(share(failedConditions[.attendance]))",
            "award: Xuất sắc \(share(awards[.xuatSac])), Giỏi \(share(awards[.gioi])), none \(share(awards[Award?.none]))",
            "year learning level: " + levels.map { "\($0.labelVI) \(share(yearLevels[$0]))" }.joined(separator: ", ")
                + ", none (every subject on an individual plan) \(share(yearLevels[LearningLevel?.none]))",
            "year conduct: " + ratings.map { "\($0.labelVI) \(share(conduct[$0]))" }.joined(separator: ", "),
        ]
    }
}
