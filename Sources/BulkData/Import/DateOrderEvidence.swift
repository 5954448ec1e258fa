/// Whether a file writes its dates day first (dd/mm/yyyy, as Vietnam does) or month first (as an Excel
/// set to US English does), told by the dates whose order shows: a first number above 12 can only be
/// a day, and so can a second one. Each date is read day first, and a date that is one only month first
/// is read that way with a warning; but in a file written month first, the dates whose day and month are
/// both 12 or less would be read wrongly (9 May as 5 September) without a word. Such a file is refused.
struct DateOrderEvidence: Sendable {
    struct Column: Sendable {
        /// Dates whose first number is above 12.
        var dayFirst = 0
        /// Dates whose second number is above 12, with the first of them.
        var monthFirst = 0
        var firstMonthFirst: (row: Int, text: String)?
        /// Dates whose day and month are both 12 or less and differ: their order cannot be told.
        var undecided = 0
    }

    private(set) var columns: [String: Column] = [:]

    mutating func note(_ text: String, column key: String, row: Int) {
        guard let (first, second, _) = CellCleaner.numberedDate(text) else { return }
        if first > 12 && second <= 12 {
            columns[key, default: Column()].dayFirst += 1
        } else if second > 12 && first <= 12 {
            columns[key, default: Column()].monthFirst += 1
            if columns[key]?.firstMonthFirst == nil { columns[key]?.firstMonthFirst = (row, text) }
        } else if first <= 12 && second <= 12 && first != second {
            columns[key, default: Column()].undecided += 1
        }
    }

    /// The first column (by key) written month first throughout, with dates it cannot read for sure.
    func monthFirstColumn() -> (key: String, column: Column)? {
        columns.sorted { $0.key < $1.key }.first { $0.value.dayFirst == 0 && $0.value.monthFirst > 0 && $0.value.undecided > 0 }
            .map { ($0.key, $0.value) }
    }
}
