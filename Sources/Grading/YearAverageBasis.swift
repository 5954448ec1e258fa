/// Which semester values the year average ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3 uses.
///
/// Circular 22/2021 Art. 9.1 does not say (DOMAIN.md §3.1 marks it unverified). The
/// report card (học bạ) shows the rounded semester averages and teachers recompute the
/// year average from those printed values, so this module reads the formula as using
/// the **rounded** semester averages. This type is the one place the reading is chosen:
/// change `chosen` to switch every computation in the module.
///
/// Worked example (DOMAIN.md): semester I 7.611… (printed 7.6), semester II 8.2 gives
/// (7.6 + 16.4)/3 = 8.0 on the rounded reading; the exact reading gives 8.003… → 8.0.
public enum YearAverageBasis: Hashable, Sendable, CaseIterable {
    /// Use the semester averages as rounded to one decimal (the chosen reading).
    case roundedSemesterAverages
    /// Use the unrounded semester fractions, rounding only the year average.
    case exactSemesterAverages

    /// The reading every default parameter in this module uses.
    public static let chosen: YearAverageBasis = .roundedSemesterAverages
}
