import Platform
/// One problem in an input file, with where to find it: file, line, column and value.
public struct ClearingFileIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as named on the command line.
    public let file: String
    /// 1-based line where the record starts; 0 for a problem with the whole file.
    public let line: Int
    /// 1-based field number, nil when the problem is not in one field.
    public let column: Int?
    /// The header name of that column.
    public let columnName: String?
    /// The offending value as written (cut to 80 characters).
    public let value: String?
    /// What is wrong and what is expected.
    public let message: String

    public init(file: String, line: Int, column: Int? = nil, columnName: String? = nil, value: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.value = value.map { $0.count > 80 ? String($0.prefix(77)) + "..." : $0 }
        self.message = message
    }

    /// `wishes.csv:17: column 4 (score), value "8.12345": ...`.
    public var description: String {
        var text = line > 0 ? "\(file):\(line):" : "\(file):"
        if let column {
            text += " column \(column)"
            if let columnName { text += " (\(columnName))" }
            if value != nil { text += "," }
        }
        if let value { text += " value \"\(value)\"" }
        return text + ": " + message
    }
}

/// The input files break the clearing contract; nothing was written.
public struct ClearingInputError: Error, Sendable, CustomStringConvertible {
    /// The first problems found, in file and line order (at most the limit asked for).
    public let issues: [ClearingFileIssue]
    /// How many problems were found in all.
    public let totalCount: Int

    public var description: String {
        var lines = issues.map(\.description)
        let more = totalCount - issues.count
        if more > 0 { lines.append("... and \(more) more problem\(more == 1 ? "" : "s")") }
        return lines.joined(separator: "\n")
    }
}

/// A file could not be opened, read or written (the CSV reader and writer live in Platform).
public typealias ClearingIOError = FileIOError

/// Collects issues while a file is read, keeping the first `limit` and counting the rest, so a
/// file with a million bad rows reports quickly without holding a million messages.
final class IssueLog {
    let limit: Int
    private(set) var issues: [ClearingFileIssue] = []
    private(set) var totalCount = 0

    init(limit: Int) { self.limit = max(limit, 1) }

    func add(_ issue: @autoclosure () -> ClearingFileIssue) {
        totalCount += 1
        if issues.count < limit { issues.append(issue()) }
    }

    var isEmpty: Bool { totalCount == 0 }

    /// Throws the collected issues, if any.
    func throwIfAny() throws(ClearingInputError) {
        guard totalCount > 0 else { return }
        throw ClearingInputError(issues: issues, totalCount: totalCount)
    }
}
