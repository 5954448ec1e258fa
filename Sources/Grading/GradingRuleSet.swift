/// The version of the assessment rules that produced a result.
///
/// One learner's history can mix regimes (DOMAIN.md §3.1 "Mixed regimes"), so raw
/// scores are stored and every derived result carries the rule set that computed it.
/// Which rule set applies to a grade in a school year is `GradingRuleSet.select`.
public enum GradingRuleSet: GradingLabel {
    /// Circular 22/2021/TT-BGDĐT, lower and upper secondary (grades 6–12), rolled out
    /// grade by grade from 2021-22.
    case circular22_2021
    /// Circular 58/2011/TT-BGDĐT as amended by Circular 26/2020: grades 6–12 before the
    /// Circular 22/2021 roll-out reached them. Modelled minimally: assessments, semester
    /// and year averages (same weights as Circular 22), and its Giỏi/Khá/Trung bình/Yếu/Kém
    /// rating (`LegacyAcademicRating`). Its promotion and award rules are not modelled.
    case circular58_2011
    /// Circular 27/2020/TT-BGDĐT, primary (grades 1–5), rolled out grade by grade from
    /// 2020-21. No averages; ratings only.
    case circular27_2020
    /// Circular 30/2014 as amended by Circular 22/2016: primary before Circular 27/2020
    /// reached the grade. Identified so old records can be labelled, but not computed:
    /// every computation under it throws `GradingError.unsupportedRuleSet`.
    case circular22_2016

    public var code: String {
        switch self {
        case .circular22_2021: "tt22_2021"
        case .circular58_2011: "tt58_2011"
        case .circular27_2020: "tt27_2020"
        case .circular22_2016: "tt22_2016"
        }
    }

    public var labelVI: String {
        switch self {
        case .circular22_2021: "Thông tư 22/2021/TT-BGDĐT"
        case .circular58_2011: "Thông tư 58/2011/TT-BGDĐT"
        case .circular27_2020: "Thông tư 27/2020/TT-BGDĐT"
        case .circular22_2016: "Thông tư 22/2016/TT-BGDĐT"
        }
    }

    public var labelEN: String {
        switch self {
        case .circular22_2021: "Circular 22/2021 (secondary)"
        case .circular58_2011: "Circular 58/2011 (secondary, before Circular 22/2021)"
        case .circular27_2020: "Circular 27/2020 (primary)"
        case .circular22_2016: "Circular 22/2016 (primary, before Circular 27/2020)"
        }
    }

    /// True for the primary (grades 1–5) rule sets.
    public var isPrimary: Bool {
        switch self {
        case .circular27_2020, .circular22_2016: true
        case .circular22_2021, .circular58_2011: false
        }
    }
}
