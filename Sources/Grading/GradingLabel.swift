/// A rating or decision with a stable English `code` for the API and a Vietnamese label
/// for the UI and reports, e.g. `LearningLevel.chuaDat`: code "chua_dat", label "Chưa đạt".
///
/// Codes are ASCII letters, digits and underscores (lowercase, except the semester
/// numerals "I" and "II") and never change once published; labels follow the wording of
/// the circulars.
public protocol GradingLabel: CaseIterable, Hashable, Sendable {
    /// Stable machine-readable code.
    var code: String { get }
    /// Vietnamese label as written on report cards.
    var labelVI: String { get }
    /// English label for English-language reports.
    var labelEN: String { get }
}

extension GradingLabel {
    /// The case whose `code` is `code`, nil for an unknown code.
    public init?(code: String) {
        guard let match = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}
