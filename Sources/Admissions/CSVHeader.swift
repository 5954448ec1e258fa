import Platform
/// The header row of an input file: which column holds which named field.
struct CSVHeader {
    let file: String
    let names: [String]

    /// Reads the header from `record`, reporting duplicate names.
    init(file: String, record: CSVRecord, issues: IssueLog) {
        self.file = file
        names = (0 ..< record.count).map { record.text($0) }
        var seen: Set<String> = []
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            issues.add(ClearingFileIssue(file: file, line: record.line, column: index + 1, value: name,
                                         message: "the column \"\(name)\" appears twice in the header"))
        }
    }

    /// The 0-based column named `name`; reports it missing when `required`.
    func column(_ name: String, required: Bool, line: Int, issues: IssueLog, expected: String) -> Int? {
        if let index = names.firstIndex(of: name) { return index }
        if required {
            issues.add(ClearingFileIssue(file: file, line: line, value: names.joined(separator: ","),
                                         message: "the header has no \"\(name)\" column; expected \(expected)"))
        }
        return nil
    }

    /// Reports a record whose field count differs from the header's; true when it matches.
    func checkFieldCount(_ record: CSVRecord, issues: IssueLog) -> Bool {
        guard record.count != names.count else { return true }
        issues.add(ClearingFileIssue(file: file, line: record.line,
                                     message: "\(record.count) fields where the header has \(names.count)"))
        return false
    }

    /// An issue about field `column` of `record`.
    func issue(_ record: CSVRecord, column: Int, _ message: String) -> ClearingFileIssue {
        ClearingFileIssue(file: file, line: record.line, column: column + 1, columnName: names[column],
                          value: record.text(column), message: message)
    }
}

/// Checks that bytes are UTF-8 (DOMAIN.md §7.2: files are UTF-8); ASCII needs one pass.
func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    if !bytes.contains(where: { $0 >= 0x80 }) { return true }
    return String(validating: bytes, as: UTF8.self) != nil
}

/// A field read as a whole number.
enum WholeNumber: Equatable {
    case value(Int)
    /// Digits only, but above the limit.
    case tooLarge
    /// Empty, or something other than ASCII digits (a sign, a point, a space).
    case notANumber
}

/// Parses a whole number from ASCII digits only.
@inline(__always)
func parseWholeNumber(_ bytes: UnsafeRawBufferPointer, limit: Int) -> WholeNumber {
    guard !bytes.isEmpty else { return .notANumber }
    var value = 0
    for byte in bytes {
        let digit = byte &- 0x30
        guard digit < 10 else { return .notANumber }
        // Once above the limit the value only matters as "too large"; stop it growing.
        value = min(value * 10 + Int(digit), limit + 1)
    }
    return value <= limit ? .value(value) : .tooLarge
}
