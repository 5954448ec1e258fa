extension MatchModel {
    /// The model shipped in code, used when a run has too little data to estimate its
    /// own. Values are deliberately conservative: u reflects how concentrated
    /// Vietnamese names are (Nguyễn 38%, Văn/Thị as middle names), m allows for the
    /// damage schools' spreadsheets show (DOMAIN.md §1.5).
    public static let shippedDefault: MatchModel = {
        func field(_ field: MatchField, _ pairs: [(Double, Double)]) -> FieldParameters {
            FieldParameters(field: field, levels: pairs.enumerated().map { index, pair in
                LevelParameters(level: field.levelCode(index), m: pair.0, u: pair.1)
            })
        }
        // Name parts: exact, foldedEqual, variant, typo, partial, different, missing.
        let family = field(.familyName, [
            (0.78, 0.15), (0.12, 0.02), (0.03, 0.02), (0.02, 0.03), (0.001, 0.001), (0.04, 0.77), (0.01, 0.01),
        ])
        let middle = field(.middleName, [
            (0.70, 0.25), (0.10, 0.05), (0.02, 0.01), (0.01, 0.02), (0.10, 0.15), (0.06, 0.51), (0.01, 0.01),
        ])
        let given = field(.givenName, [
            (0.82, 0.01), (0.12, 0.002), (0.02, 0.005), (0.02, 0.02), (0.001, 0.001), (0.01, 0.95), (0.01, 0.01),
        ])
        // Date: exact, dayMonthSwapped, offByOneDay, sameYearOnly, different, missing.
        let date = field(.dateOfBirth, [
            (0.88, 0.0003), (0.03, 0.0003), (0.01, 0.0006), (0.05, 0.003), (0.02, 0.9958), (0.01, 0.01),
        ])
        let sex = field(.sex, [(0.97, 0.5), (0.02, 0.5), (0.01, 0.01)])
        let province = field(.birthProvince, [(0.85, 0.05), (0.14, 0.94), (0.01, 0.01)])
        return MatchModel(
            trustedLambda: 0.05, orderedFields: [family, middle, given, date, sex, province],
            termFrequency: TermFrequencySettings(), training: nil)
    }()
}
