/// A value bound for a field of the API body.
enum BodyValue: Sendable, Equatable {
    case text(String)
    case number(Int)
    case list([String])

    /// What JSONSerialization writes.
    var json: Any {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .list(let items): items
        }
    }

    /// The value as one string: for natural keys and the report.
    var text: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .list(let items): items.joined(separator: "; ")
        }
    }
}

/// What became of one cell: its value, or why it was refused, and any repair worth telling.
struct CellReading: Sendable {
    var value: BodyValue?
    var error: ImportReason?
    var repair: ImportReason?

    static let blank = CellReading(value: nil)

    static func ok(_ value: BodyValue, repaired reason: ImportReason? = nil) -> CellReading {
        CellReading(value: value, repair: reason)
    }

    static func refused(_ reason: ImportReason) -> CellReading {
        CellReading(value: nil, error: reason)
    }
}
