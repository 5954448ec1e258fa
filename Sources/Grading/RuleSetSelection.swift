/// Which rule set applies to a grade in a school year (DOMAIN.md §3.1 [G1], §3.2).
extension GradingRuleSet {
    /// Grades covered: 1–5 primary, 6–9 lower secondary, 10–12 upper secondary.
    public static let grades: ClosedRange<Int> = 1...12

    /// The first school year that is modelled at all: Circular 58/2011 took effect in
    /// January 2012, so 2012-13 is its first whole school year. Earlier years throw.
    public static let earliestSchoolYearStart = 2012

    /// The first school year (by its starting calendar year, 2022 for 2022-23) in which
    /// `grade` follows the new rule set: Circular 27/2020 for grades 1–5, Circular 22/2021
    /// for grades 6–12.
    ///
    /// - Circular 27/2020: grade 1 from 2020-21, then one grade a year to grade 5 in 2024-25.
    /// - Circular 22/2021: grade 6 in 2021-22; 7 and 10 in 2022-23; 8 and 11 in 2023-24;
    ///   9 and 12 in 2024-25.
    public static func rolloutSchoolYearStart(grade: Int) throws(GradingError) -> Int {
        switch grade {
        case 1...5: return 2019 + grade
        case 6: return 2021
        case 7, 10: return 2022
        case 8, 11: return 2023
        case 9, 12: return 2024
        default: throw .gradeOutOfRange(grade)
        }
    }

    /// The rule set for `grade` in the school year starting in `schoolYearStart`
    /// (2023 for 2023-24). Before the roll-out year a grade keeps the earlier rule:
    /// Circular 58/2011 for grades 6–12, Circular 22/2016 for grades 1–5.
    public static func select(grade: Int, schoolYearStart: Int) throws(GradingError) -> GradingRuleSet {
        let rollout = try rolloutSchoolYearStart(grade: grade)
        let primary = grade <= 5
        if schoolYearStart >= rollout { return primary ? .circular27_2020 : .circular22_2021 }
        guard schoolYearStart >= earliestSchoolYearStart else {
            throw .schoolYearNotModelled(grade: grade, schoolYearStart: schoolYearStart)
        }
        return primary ? .circular22_2016 : .circular58_2011
    }
}
