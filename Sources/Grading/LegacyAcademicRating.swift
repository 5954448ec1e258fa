/// The academic rating (học lực) of Circular 58/2011 Art. 13: Giỏi / Khá / Trung bình /
/// Yếu / Kém, the earlier rule for grades 6–12 (`GradingRuleSet.circular58_2011`).
/// Ordered: `kem < yeu < trungBinh < kha < gioi`.
///
/// Provenance: the thresholds of Art. 13.1–13.5 below follow the article's text as quoted
/// in a 2020 press report; they have not been checked against the official gazette, nor
/// against the changes Circular 26/2020 may have made for 2020-21. From memory and
/// unverified: ĐTBcm as the unweighted mean of the scored subjects' averages, rounded
/// half up. Not modelled: the Art. 13.6 adjustment (recalled as: a level pulled down two
/// steps by a single subject is raised one step) and the extra condition on the
/// specialised subject in specialised classes.
public enum LegacyAcademicRating: Int, GradingLabel, Comparable {
    case kem = 0
    case yeu = 1
    case trungBinh = 2
    case kha = 3
    case gioi = 4

    public var code: String {
        switch self {
        case .gioi: "gioi"
        case .kha: "kha"
        case .trungBinh: "trung_binh"
        case .yeu: "yeu"
        case .kem: "kem"
        }
    }

    public var labelVI: String {
        switch self {
        case .gioi: "Giỏi"
        case .kha: "Khá"
        case .trungBinh: "Trung bình"
        case .yeu: "Yếu"
        case .kem: "Kém"
        }
    }

    public var labelEN: String {
        switch self {
        case .gioi: "Excellent"
        case .kha: "Good"
        case .trungBinh: "Average"
        case .yeu: "Weak"
        case .kem: "Poor"
        }
    }

    public static func < (lhs: LegacyAcademicRating, rhs: LegacyAcademicRating) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One scored subject's (semester or year) average for the Circular 58/2011 rating.
public struct LegacySubjectAverage: Hashable, Sendable {
    public let average: Score
    /// Toán or Ngữ văn.
    public let isMathematicsOrLiterature: Bool

    public init(average: Score, isMathematicsOrLiterature: Bool = false) {
        self.average = average
        self.isMathematicsOrLiterature = isMathematicsOrLiterature
    }
}

extension LegacyAcademicRating {
    /// ĐTBcm, the mean of the scored subjects' averages rounded half up to one decimal;
    /// nil without scored subjects.
    public static func overallAverage(_ subjects: [LegacySubjectAverage]) -> Score? {
        guard !subjects.isEmpty else { return nil }
        let sum = subjects.reduce(0) { $0 + $1.average.tenths }
        return WeightedAverage(checkedNumeratorTenths: sum, denominator: subjects.count).rounded
    }

    /// The rating per Art. 13.1–13.5 (see the type's provenance note):
    /// - Giỏi: ĐTBcm ≥ 8.0, Toán or Ngữ văn ≥ 8.0, no subject < 6.5, comment subjects all Đạt;
    /// - Khá: ĐTBcm ≥ 6.5, Toán or Ngữ văn ≥ 6.5, no subject < 5.0, comment subjects all Đạt;
    /// - Trung bình: ĐTBcm ≥ 5.0, Toán or Ngữ văn ≥ 5.0, no subject < 3.5, comment subjects all Đạt;
    /// - Yếu: ĐTBcm ≥ 3.5, no subject < 2.0;
    /// - Kém: otherwise.
    ///
    /// Nil without scored subjects. The Art. 13.6 adjustment is not applied.
    public static func rate(scored: [LegacySubjectAverage], comments: [CommentRating]) -> LegacyAcademicRating? {
        guard let overall = overallAverage(scored)?.tenths else { return nil }
        let lowest = scored.map(\.average.tenths).min() ?? 0
        let core = scored.filter(\.isMathematicsOrLiterature).map(\.average.tenths).max() ?? -1
        let commentsPassed = comments.allSatisfy { $0 == .dat }

        func meets(_ threshold: Int, floor: Int) -> Bool {
            overall >= threshold && core >= threshold && lowest >= floor && commentsPassed
        }
        if meets(80, floor: 65) { return .gioi }
        if meets(65, floor: 50) { return .kha }
        if meets(50, floor: 35) { return .trungBinh }
        if overall >= 35, lowest >= 20 { return .yeu }
        return .kem
    }
}
