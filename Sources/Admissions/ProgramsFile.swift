import Platform
import Clearing

/// The programmes of `programs.csv` (`program_id,quota[,tie_mode]`), in file order.
final class ProgramTable {
    let ids = ByteStringTable(expectedCount: 8192)
    private(set) var seats: [ProgramSeats] = []
    /// Line of each programme, for messages.
    private(set) var lines: [Int] = []

    var count: Int { seats.count }

    /// The largest quota accepted: more seats than any programme could have, small enough that
    /// sums over thousands of programmes cannot overflow.
    static let maximumQuota = 100_000_000

    /// Reads and checks `path`; problems go to `issues`.
    static func read(path: String, issues: IssueLog) throws(ClearingIOError) -> ProgramTable {
        let table = ProgramTable()
        let reader = try CSVReader(path: path)
        var header: CSVHeader?
        var idColumn = 0, quotaColumn = 0, tieModeColumn: Int?
        let expected = "program_id,quota[,tie_mode]"
        try reader.forEachRecord({ record in
            guard let header else {
                let parsed = CSVHeader(file: path, record: record, issues: issues)
                idColumn = parsed.column("program_id", required: true, line: record.line, issues: issues, expected: expected) ?? -1
                quotaColumn = parsed.column("quota", required: true, line: record.line, issues: issues, expected: expected) ?? -1
                tieModeColumn = parsed.column("tie_mode", required: false, line: record.line, issues: issues, expected: expected)
                header = parsed
                return
            }
            guard idColumn >= 0, quotaColumn >= 0, header.checkFieldCount(record, issues: issues) else { return }
            table.add(record, header: header, idColumn: idColumn, quotaColumn: quotaColumn, tieModeColumn: tieModeColumn,
                      issues: issues)
        }, malformed: { line, column, message in
            issues.add(ClearingFileIssue(file: path, line: line, column: column, message: message))
        })
        if header == nil {
            issues.add(ClearingFileIssue(file: path, line: 0, message: "the file is empty; expected the header \(expected)"))
        }
        return table
    }

    private func add(_ record: CSVRecord, header: CSVHeader, idColumn: Int, quotaColumn: Int, tieModeColumn: Int?,
                     issues: IssueLog) {
        var valid = true
        let id = record[idColumn]
        if id.isEmpty {
            issues.add(header.issue(record, column: idColumn, "the program_id is empty"))
            valid = false
        } else if !isValidUTF8(id) {
            issues.add(header.issue(record, column: idColumn, "the program_id is not valid UTF-8"))
            valid = false
        }
        var quota = 0
        switch parseWholeNumber(record[quotaColumn], limit: Self.maximumQuota) {
        case .value(let value): quota = value
        case .tooLarge:
            issues.add(header.issue(record, column: quotaColumn, "the quota is above \(Self.maximumQuota)"))
            valid = false
        case .notANumber:
            issues.add(header.issue(record, column: quotaColumn, "the quota must be a whole number of seats, 0 or more (digits only)"))
            valid = false
        }
        var tieMode = TieMode.strict
        if let tieModeColumn {
            let text = record.text(tieModeColumn)
            if !text.isEmpty {
                if let mode = TieMode(rawValue: text) {
                    tieMode = mode
                } else {
                    issues.add(header.issue(record, column: tieModeColumn, "the tie_mode must be strict or admit_all (empty means strict)"))
                    valid = false
                }
            }
        }
        guard valid else { return }
        let (index, inserted) = ids.insert(id)
        guard inserted else {
            issues.add(header.issue(record, column: idColumn, "the program_id is already on line \(lines[index])"))
            return
        }
        seats.append(ProgramSeats(quota: quota, tieMode: tieMode))
        lines.append(record.line)
    }
}
