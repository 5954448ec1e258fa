import Platform
import Clearing

/// The columns of `wishes.csv` as parallel arrays, one entry per valid row: about 21 bytes a row.
struct WishColumns {
    /// Candidate of each row, numbered in first-seen order.
    var candidate: [UInt32] = []
    var program: [UInt32] = []
    var rank: [UInt8] = []
    var score: [AdmissionScore] = []
    var tiebreak: [AdmissionScore] = []
    /// Line of each row, for messages.
    var line: [UInt32] = []

    var count: Int { candidate.count }

    init(reserving count: Int) {
        candidate.reserveCapacity(count)
        program.reserveCapacity(count)
        rank.reserveCapacity(count)
        score.reserveCapacity(count)
        tiebreak.reserveCapacity(count)
        line.reserveCapacity(count)
    }

    init() {}
}

/// The rows of `wishes.csv` (`candidate_id,rank,program_id,score[,tiebreak]`) in file order.
/// Appended to 7 million times from one thread, so the columns skip the runtime exclusivity
/// check of class properties.
final class WishRows {
    /// One entry per block of consecutive rows with the same candidate_id, in file order. Files
    /// usually list each candidate's wishes together, making this one entry per candidate with
    /// no hashing; `GroupedWishes` merges the entries of a candidate whose rows are apart.
    let candidateIDs: ByteStringList
    @exclusivity(unchecked) var columns: WishColumns
    /// 0-based positions of the rank and program_id columns, for messages.
    var rankColumn = 1, programColumn = 2

    var count: Int { columns.count }

    init(expectedRows: Int) {
        candidateIDs = ByteStringList(expectedCount: max(expectedRows / 4, 1024))
        columns = WishColumns(reserving: expectedRows)
    }

    /// Hands the columns over (so they can be reordered in place without a copy) and empties these.
    func takeColumns() -> WishColumns {
        let taken = columns
        columns = WishColumns()
        return taken
    }

    /// Reads and checks `path` against the programmes; problems go to `issues`.
    static func read(path: String, programs: ProgramTable, issues: IssueLog) throws(ClearingIOError) -> WishRows {
        let reader = try CSVReader(path: path)
        // Rows are rarely shorter than 20 bytes; reserving by size avoids regrowing 7M-row arrays.
        let rows = WishRows(expectedRows: reader.fileSize / 20 + 16)
        var parser: WishRowParser?
        let expected = "candidate_id,rank,program_id,score[,tiebreak]"
        var sawHeader = false
        try reader.forEachRecord({ record in
            if sawHeader {
                // Nil when the header lacks a required column: that is reported once, not per row.
                parser?.parse(record, into: rows)
                return
            }
            sawHeader = true
            let header = CSVHeader(file: path, record: record, issues: issues)
            let candidate = header.column("candidate_id", required: true, line: record.line, issues: issues, expected: expected)
            let rank = header.column("rank", required: true, line: record.line, issues: issues, expected: expected)
            let program = header.column("program_id", required: true, line: record.line, issues: issues, expected: expected)
            let score = header.column("score", required: true, line: record.line, issues: issues, expected: expected)
            let tiebreak = header.column("tiebreak", required: false, line: record.line, issues: issues, expected: expected)
            rows.rankColumn = rank ?? 1
            rows.programColumn = program ?? 2
            if let candidate, let rank, let program, let score {
                parser = WishRowParser(header: header, candidateColumn: candidate, rankColumn: rank, programColumn: program,
                                       scoreColumn: score, tiebreakColumn: tiebreak, programs: programs, issues: issues)
            } else {
                parser = nil
            }
        }, malformed: { line, column, message in
            issues.add(ClearingFileIssue(file: path, line: line, column: column, message: message))
        })
        if !sawHeader {
            issues.add(ClearingFileIssue(file: path, line: 0, message: "the file is empty; expected the header \(expected)"))
        }
        return rows
    }
}

/// Checks and converts one wish row; kept apart from the reader so the hot loop sees only the
/// column positions it needs. A struct held in a local variable, so calling it per row costs no
/// reference counting.
private struct WishRowParser {
    let header: CSVHeader
    let candidateColumn: Int, rankColumn: Int, programColumn: Int, scoreColumn: Int, tiebreakColumn: Int?
    let programs: ProgramTable
    let issues: IssueLog
    /// The previous row's candidate: a row with the same candidate_id continues her block.
    private var lastCandidate = -1

    init(header: CSVHeader, candidateColumn: Int, rankColumn: Int, programColumn: Int, scoreColumn: Int,
         tiebreakColumn: Int?, programs: ProgramTable, issues: IssueLog) {
        self.header = header
        self.candidateColumn = candidateColumn
        self.rankColumn = rankColumn
        self.programColumn = programColumn
        self.scoreColumn = scoreColumn
        self.tiebreakColumn = tiebreakColumn
        self.programs = programs
        self.issues = issues
    }

    mutating func parse(_ record: CSVRecord, into rows: WishRows) {
        guard header.checkFieldCount(record, issues: issues) else { return }
        var valid = true

        let programBytes = record[programColumn]
        let program = programs.ids.index(of: programBytes)
        if program == nil {
            issues.add(header.issue(record, column: programColumn, programBytes.isEmpty
                ? "the program_id is empty" : "no such program_id in the programs file"))
            valid = false
        }

        var rank = 0
        switch parseWholeNumber(record[rankColumn], limit: 255) {
        case .value(let value) where value >= 1: rank = value
        case .value, .notANumber:
            issues.add(header.issue(record, column: rankColumn, "the rank must be a whole number from 1 (first wish) to 255"))
            valid = false
        case .tooLarge:
            issues.add(header.issue(record, column: rankColumn,
                "the rank is above 255: clearing keeps 255 − rank in 8 bits of each priority key, and the rules allow 15 wishes"))
            valid = false
        }

        var score = AdmissionScore.zero
        do throws(AdmissionScoreParseError) {
            score = try AdmissionScore.parse(record[scoreColumn])
        } catch {
            issues.add(header.issue(record, column: scoreColumn, "the value " + error.reasonEN))
            valid = false
        }
        var tiebreak = AdmissionScore.zero
        if let tiebreakColumn, !record[tiebreakColumn].isEmpty {
            do throws(AdmissionScoreParseError) {
                tiebreak = try AdmissionScore.parse(record[tiebreakColumn])
            } catch {
                issues.add(header.issue(record, column: tiebreakColumn, "the value " + error.reasonEN))
                valid = false
            }
        }

        let candidateBytes = record[candidateColumn]
        var candidate = lastCandidate
        if candidate < 0 || !ByteStringList.equal(rows.candidateIDs.bytes(at: candidate), candidateBytes) {
            if candidateBytes.isEmpty {
                issues.add(header.issue(record, column: candidateColumn, "the candidate_id is empty"))
                return
            }
            guard isValidUTF8(candidateBytes) else {
                issues.add(header.issue(record, column: candidateColumn, "the candidate_id is not valid UTF-8"))
                return
            }
            candidate = rows.candidateIDs.append(candidateBytes)
            lastCandidate = candidate
        }

        guard valid, let program else { return }
        rows.columns.candidate.append(UInt32(candidate))
        rows.columns.program.append(UInt32(program))
        rows.columns.rank.append(UInt8(rank))
        rows.columns.score.append(score)
        rows.columns.tiebreak.append(tiebreak)
        rows.columns.line.append(UInt32(truncatingIfNeeded: record.line))
    }
}
