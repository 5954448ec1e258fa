import Platform

/// Streams an import's issues to a CSV file (UTF-8 with a byte order mark, so Excel shows the
/// Vietnamese), keeping only counts and a few examples in memory.
final class ImportReport: @unchecked Sendable {
    static let header = ["Dòng (row)", "Cột (column)", "Giá trị (value)", "Mức độ (severity)", "Mã lỗi (code)",
                         "Lý do", "Reason", "Giá trị đã sửa (repaired value)"]
    static let examplesKept = 20

    private let writer: CSVWriter?
    private(set) var errors = 0
    private(set) var warnings = 0
    private(set) var countsByCode: [String: (severity: ImportIssue.Severity, count: Int, reason: ImportReason)] = [:]
    private(set) var examples: [ImportIssue] = []

    init(path: String?) throws {
        guard let path else { writer = nil; return }
        do {
            let writer = try CSVWriter(path: path)
            try writer.writeBytes([0xEF, 0xBB, 0xBF])
            try writer.writeRow(Self.header)
            self.writer = writer
        } catch {
            throw ImportError.unreadable(path, "the report cannot be written: \(error)")
        }
    }

    func add(_ issue: ImportIssue) throws {
        if issue.severity == .error { errors += 1 } else { warnings += 1 }
        countsByCode[issue.reason.code, default: (issue.severity, 0, issue.reason)].count += 1
        if examples.count < Self.examplesKept, issue.severity == .error { examples.append(issue) }
        do {
            try writer?.writeRow([String(issue.row), issue.column, issue.value, issue.severity.rawValue, issue.reason.code,
                                  issue.reason.vi, issue.reason.en, issue.repairedValue])
        } catch {
            throw ImportError.unreadable(writer?.path ?? "", "the report cannot be written: \(error)")
        }
    }

    func finish() throws {
        do { try writer?.commit() } catch { throw ImportError.unreadable(writer?.path ?? "", "the report cannot be written: \(error)") }
    }
}
