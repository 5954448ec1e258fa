import Foundation
import Platform

/// Streams an import's issues to a CSV file (UTF-8 with a byte order mark, so Excel shows the
/// Vietnamese), keeping only counts and a few examples in memory.
public final class ImportReport: @unchecked Sendable {
    static let header = ["Dòng (row)", "Cột (column)", "Giá trị (value)", "Mức độ (severity)", "Mã lỗi (code)",
                         "Lý do", "Reason", "Giá trị đã sửa (repaired value)"]
    public static let examplesKept = 20

    private let writer: CSVWriter?
    private let rowOrigin: RowOrigin?
    public private(set) var errors = 0
    public private(set) var warnings = 0
    private(set) var countsByCode: [String: (severity: ImportIssue.Severity, count: Int, reason: ImportReason)] = [:]
    private(set) var examples: [ImportIssue] = []

    public init(path: String?, rowOrigin: RowOrigin? = nil) throws {
        self.rowOrigin = rowOrigin
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

    /// Adds an issue; `place` names its row when the row number alone would not (a file of several sources).
    public func add(_ issue: ImportIssue, at place: String? = nil) throws {
        if issue.severity == .error { errors += 1 } else { warnings += 1 }
        countsByCode[issue.reason.code, default: (issue.severity, 0, issue.reason)].count += 1
        if examples.count < Self.examplesKept, issue.severity == .error { examples.append(issue) }
        do {
            try writer?.writeRow([place ?? rowOrigin?.place(ofRow: issue.row) ?? String(issue.row), issue.column, issue.value, issue.severity.rawValue, issue.reason.code,
                                  issue.reason.vi, issue.reason.en, issue.repairedValue])
        } catch {
            throw ImportError.unreadable(writer?.path ?? "", "the report cannot be written: \(error)")
        }
    }

    public func finish() throws {
        do { try writer?.commit() } catch { throw ImportError.unreadable(writer?.path ?? "", "the report cannot be written: \(error)") }
    }

    /// The issues by code, most frequent first.
    public var reasons: [ImportSummary.Reason] {
        countsByCode.map { (code: $0.key, severity: $0.value.severity, count: $0.value.count, reason: $0.value.reason) }
            .sorted { ($0.count, $1.code) > ($1.count, $0.code) }
    }

    /// Joins reports of one import of several files into one, with one header: the report of an
    /// uploaded set. Missing paths are skipped.
    public static func concatenate(_ paths: [String?], into path: String) throws {
        do {
            let writer = try CSVWriter(path: path)
            try writer.writeBytes([0xEF, 0xBB, 0xBF])
            try writer.writeRow(header)
            for part in paths.compactMap({ $0 }) where FileManager.default.fileExists(atPath: part) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: part))
                // Each part starts with the byte order mark and the header line, which holds no line break.
                guard let headerEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) else { continue }
                try writer.writeBytes(Array(bytes[(headerEnd + 1)...]))
            }
            try writer.commit()
        } catch {
            throw ImportError.unreadable(path, "the report cannot be written: \(error)")
        }
    }
}

/// Where the rows of a file converted from another came from (a OneRoster feed): row n of the
/// converted file, counted as a spreadsheet does with the header as row 1, is line `lines[n - 2]`
/// of `file`.
public struct RowOrigin: Sendable {
    public let file: String
    let lines: [Int32]

    public init(file: String, lines: [Int32]) {
        self.file = file
        self.lines = lines
    }

    public func place(ofRow row: Int) -> String {
        lines.indices.contains(row - 2) ? "\(file):\(lines[row - 2])" : String(row)
    }
}
