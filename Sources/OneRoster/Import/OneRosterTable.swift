import Foundation
import Platform

/// Why a OneRoster CSV set cannot be read at all (a file or column missing, a delta set, a line
/// that is not CSV). Problems of single rows are not errors: they go to the report.
public enum OneRosterImportError: Error, CustomStringConvertible, Equatable {
    case missingFile(String)
    case unsupportedManifest(String)
    case missingColumns(file: String, [String])
    case malformed(file: String, line: Int, String)

    public var description: String {
        switch self {
        case .missingFile(let file): "\(file) is missing from the OneRoster set"
        case .unsupportedManifest(let reason): "manifest.csv: \(reason)"
        case .missingColumns(let file, let columns): "\(file) has no column \(columns.joined(separator: ", "))"
        case .malformed(let file, let line, let message): "\(file) line \(line) is not valid CSV: \(message)"
        }
    }
}

/// One file of a OneRoster CSV set, read a row at a time with its cells by column name: the
/// specification fixes the names, not the order, and a producer may add columns of its own.
struct OneRosterTable {
    struct Row {
        let line: Int
        let cells: [String]
        let positions: [String: Int]

        subscript(column: String) -> String {
            guard let position = positions[column], position < cells.count else { return "" }
            return cells[position].trimmingCharacters(in: .whitespaces)
        }

        /// `status` = tobedeleted: the producer deleted the record (NEMIS keeps its own history
        /// and deletes nothing from a feed).
        var isDeleted: Bool { self["status"].lowercased() == "tobedeleted" }
    }

    let fileName: String
    let path: String

    init(_ file: String, in directory: String) {
        fileName = file
        path = (directory as NSString).appendingPathComponent(file)
    }

    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Every row after the header, in file order.
    func forEachRow(required: [String], _ body: (Row) throws -> Void) throws {
        guard exists else { throw OneRosterImportError.missingFile(fileName) }
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw OneRosterImportError.missingFile(fileName) }
        var positions: [String: Int]?
        var failure: (any Error)?
        do {
            try reader.forEachRecord({ record in
                guard failure == nil else { return }
                let cells = (0..<record.count).map(record.text)
                guard let header = positions else {
                    var found: [String: Int] = [:]
                    for (index, name) in cells.enumerated() { found[name.trimmingCharacters(in: .whitespaces)] = index }
                    let missing = required.filter { found[$0] == nil }
                    if !missing.isEmpty { failure = OneRosterImportError.missingColumns(file: fileName, missing) }
                    positions = found
                    return
                }
                do { try body(Row(line: record.line, cells: cells, positions: header)) } catch { failure = error }
            }, malformed: { line, column, message in
                if failure == nil { failure = OneRosterImportError.malformed(file: fileName, line: line, "column \(column): \(message)") }
            })
        } catch {
            throw OneRosterImportError.missingFile(fileName)
        }
        if let failure { throw failure }
        if positions == nil { throw OneRosterImportError.missingColumns(file: fileName, required) }
    }

    /// A OneRoster list cell (`"01,02"`), its items trimmed.
    static func list(_ cell: String) -> [String] {
        cell.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `userIds` (`{type:value},{type:value}`) as pairs.
    static func identifiers(_ cell: String) -> [(type: String, value: String)] {
        cell.split(separator: "}").compactMap { part -> (type: String, value: String)? in
            let item = String(part.drop { $0 == "," || $0 == " " || $0 == "{" })
            guard let colon = item.firstIndex(of: ":") else { return nil }
            return (String(item[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(item[item.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
    }

    /// An ISO 8601 date (`2026-09-05`, or a date-time) in the `dd/mm/yyyy` of NEMIS files; any
    /// other text is passed on for the import to refuse with its reason.
    static func date(_ cell: String) -> String {
        let day = cell.prefix(10).split(separator: "-")
        guard day.count == 3, day[0].count == 4, let year = Int(day[0]), let month = Int(day[1]), let dayOfMonth = Int(day[2]) else {
            return cell
        }
        return String(format: "%02d/%02d/%04d", dayOfMonth, month, year)
    }
}
