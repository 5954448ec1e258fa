/// Why an import could not run at all (as opposed to rows it refused, which go to the report).
public enum ImportError: Error, Sendable, CustomStringConvertible {
    case unreadable(String, String)
    case empty(String)
    /// The header lacks required columns, or names one twice: no row can be read.
    case header(missing: [String], duplicated: [String])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .empty(let path): "\(path) has no header row (Tệp không có dòng tiêu đề)"
        case .header(let missing, let duplicated):
            [missing.isEmpty ? nil : "the header lacks required columns (thiếu cột bắt buộc): \(missing.joined(separator: ", "))",
             duplicated.isEmpty ? nil : "the header names these columns twice (cột bị lặp): \(duplicated.joined(separator: ", "))"]
                .compactMap { $0 }.joined(separator: "; ")
        }
    }
}
