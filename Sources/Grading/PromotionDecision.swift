/// The end-of-year (or after-summer) promotion outcome.
public enum PromotionOutcome: GradingLabel {
    /// Được lên lớp (for the last grade of a level: completes the grade).
    case promoted
    /// Must sit summer re-assessment and/or do summer conduct training before a final decision.
    case summerRequired
    /// Ở lại lớp: repeats the grade.
    case repeatYear

    public var code: String {
        switch self {
        case .promoted: "promoted"
        case .summerRequired: "summer_required"
        case .repeatYear: "repeat_year"
        }
    }

    public var labelVI: String {
        switch self {
        case .promoted: "Được lên lớp"
        case .summerRequired: "Kiểm tra lại hoặc rèn luyện trong kì nghỉ hè"
        case .repeatYear: "Ở lại lớp"
        }
    }

    public var labelEN: String {
        switch self {
        case .promoted: "Promoted"
        case .summerRequired: "Summer re-assessment or conduct training"
        case .repeatYear: "Repeats the year"
        }
    }
}

/// One of the three promotion conditions of Circular 22/2021 Art. 12.
public enum PromotionCondition: GradingLabel {
    /// Year conduct Đạt or better.
    case conduct
    /// Year learning result Đạt or better.
    case learning
    /// At most 45 sessions absent, excused or not.
    case attendance

    public var code: String {
        switch self {
        case .conduct: "conduct"
        case .learning: "learning"
        case .attendance: "attendance"
        }
    }

    public var labelVI: String {
        switch self {
        case .conduct: "Kết quả rèn luyện cả năm từ mức Đạt trở lên"
        case .learning: "Kết quả học tập cả năm từ mức Đạt trở lên"
        case .attendance: "Nghỉ không quá 45 buổi trong năm học"
        }
    }

    public var labelEN: String {
        switch self {
        case .conduct: "Year conduct Pass or better"
        case .learning: "Year learning result Pass or better"
        case .attendance: "At most 45 sessions absent in the year"
        }
    }
}

/// A set of failed promotion conditions, stored in one byte.
public struct PromotionFailures: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let conduct = PromotionFailures(rawValue: 1 << 0)
    public static let learning = PromotionFailures(rawValue: 1 << 1)
    public static let attendance = PromotionFailures(rawValue: 1 << 2)

    /// The failed conditions in a fixed order, for reports.
    public var conditions: [PromotionCondition] {
        var list: [PromotionCondition] = []
        if contains(.conduct) { list.append(.conduct) }
        if contains(.learning) { list.append(.learning) }
        if contains(.attendance) { list.append(.attendance) }
        return list
    }
}

/// When a decision was taken.
public enum DecisionStage: GradingLabel {
    /// At the end of the school year.
    case endOfYear
    /// After summer re-assessment and conduct training; final.
    case afterSummer

    public var code: String {
        switch self {
        case .endOfYear: "end_of_year"
        case .afterSummer: "after_summer"
        }
    }

    public var labelVI: String {
        switch self {
        case .endOfYear: "Cuối năm học"
        case .afterSummer: "Sau kiểm tra lại, rèn luyện trong hè"
        }
    }

    public var labelEN: String {
        switch self {
        case .endOfYear: "End of year"
        case .afterSummer: "After summer"
        }
    }
}

/// A promotion decision: the outcome, which conditions failed and why, and the rule set.
public struct PromotionDecision: Hashable, Sendable {
    public let outcome: PromotionOutcome
    /// Empty exactly when `outcome == .promoted`.
    public let failed: PromotionFailures
    public let stage: DecisionStage
    public let ruleSet: GradingRuleSet

    public init(outcome: PromotionOutcome, failed: PromotionFailures, stage: DecisionStage, ruleSet: GradingRuleSet) {
        self.outcome = outcome
        self.failed = failed
        self.stage = stage
        self.ruleSet = ruleSet
    }

    /// The learner may sit summer re-assessment (kiểm tra lại) because the learning
    /// result failed while attendance was within the limit.
    public var mayTakeReassessment: Bool { outcome == .summerRequired && failed.contains(.learning) }

    /// The learner must do conduct training in the summer (rèn luyện trong kì nghỉ hè)
    /// because year conduct failed while attendance was within the limit.
    public var mustTrainConductInSummer: Bool { outcome == .summerRequired && failed.contains(.conduct) }
}
