/// Why an import could not run at all (as opposed to rows it refused, which go to the report).
public enum ImportError: Error, Sendable, CustomStringConvertible {
    case unreadable(String, String)
    case empty(String)
    /// The header lacks required columns, or names one twice: no row can be read.
    case header(missing: [String], duplicated: [String])
    /// A column of dates written month first throughout (`DateOrderEvidence`): `undecided` of them
    /// cannot be read for sure, so nothing is stored.
    case monthFirstDates(column: String, row: Int, value: String, undecided: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .empty(let path): "\(path) has no header row (Tệp không có dòng tiêu đề)"
        case .header(let missing, let duplicated):
            [missing.isEmpty ? nil : "the header lacks required columns (thiếu cột bắt buộc): \(missing.joined(separator: ", "))",
             duplicated.isEmpty ? nil : "the header names these columns twice (cột bị lặp): \(duplicated.joined(separator: ", "))"]
                .compactMap { $0 }.joined(separator: "; ")
        case .monthFirstDates(let column, let row, let value, let undecided):
            "\(column): the dates are written month first, as Excel set to US English writes them (row \(row): \(value)), and none "
                + "day first, so the \(undecided) whose day and month are both 12 or less cannot be read for sure; nothing was stored. "
                + "Write the dates as dd/mm/yyyy (or yyyy-mm-dd) and import again. "
                + "(Ngày ghi theo kiểu Mỹ, tháng trước ngày: không đọc chắc được \(undecided) ngày; hãy ghi ngày dạng dd/mm/yyyy rồi nhập lại.)"
        }
    }
}
