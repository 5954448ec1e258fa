import Platform
import Clearing

/// `confirmed.csv` (`candidate_id,program_id`): seats confirmed in earlier rounds, kept in this one.
enum ConfirmedSeatsFile {
    static let expected = "candidate_id,program_id"

    static func read(path: String, instance: ClearingInstance, programs: ProgramTable, candidateIDs: ByteStringList,
                     candidatesInIDOrder: [UInt32], issues: IssueLog) throws(ClearingIOError) -> [ConfirmedSeat] {
        var seats: [ConfirmedSeat] = []
        var lineOfCandidate: [Int: Int] = [:]
        try readTwoColumns(path: path, first: "candidate_id", second: "program_id", expected: expected, issues: issues) {
            record, header, candidateColumn, programColumn in
            guard let program = programs.ids.index(of: record[programColumn]) else {
                issues.add(header.issue(record, column: programColumn, "no such program_id in the programs file"))
                return
            }
            // Candidates are numbered as the ID table numbers them.
            guard let candidate = candidateIDs.index(of: record[candidateColumn], inSortedOrder: candidatesInIDOrder) else {
                issues.add(header.issue(record, column: candidateColumn, "no such candidate_id in the wishes file"))
                return
            }
            guard let wish = instance.wishes(of: candidate).first(where: { Int(instance.wishProgram[$0]) == program }) else {
                issues.add(header.issue(record, column: programColumn, "the candidate has no wish for this program"))
                return
            }
            if let earlier = lineOfCandidate[candidate] {
                issues.add(header.issue(record, column: candidateColumn, "the candidate already confirmed a seat on line \(earlier)"))
                return
            }
            lineOfCandidate[candidate] = record.line
            seats.append(ConfirmedSeat(candidate: candidate, wish: wish))
        }
        return seats
    }
}

/// Given cutoffs (`program_id,cutoff_score[,cutoff_tiebreak]`, other columns ignored, so a
/// `cutoffs.csv` written by an earlier run can be edited and read back). An empty cutoff_score
/// admits every candidate who lists the programme; a programme missing from the file is closed.
enum GivenCutoffsFile {
    static let expected = "program_id,cutoff_score[,cutoff_tiebreak]"

    static func read(path: String, programs: ProgramTable, issues: IssueLog) throws(ClearingIOError) -> [GivenCutoff?] {
        var cutoffs = [GivenCutoff?](repeating: nil, count: programs.count)
        var lineOfProgram: [Int: Int] = [:]
        var tiebreakColumn: Int?
        var lookedForTiebreak = false
        try readTwoColumns(path: path, first: "program_id", second: "cutoff_score", expected: expected, issues: issues) {
            record, header, programColumn, scoreColumn in
            if !lookedForTiebreak {
                tiebreakColumn = header.names.firstIndex(of: "cutoff_tiebreak")
                lookedForTiebreak = true
            }
            guard let program = programs.ids.index(of: record[programColumn]) else {
                issues.add(header.issue(record, column: programColumn, "no such program_id in the programs file"))
                return
            }
            if let earlier = lineOfProgram[program] {
                issues.add(header.issue(record, column: programColumn, "the program already has a cutoff on line \(earlier)"))
                return
            }
            lineOfProgram[program] = record.line
            var cutoff = GivenCutoff(score: .zero)
            for (column, isScore) in [(scoreColumn, true), (tiebreakColumn, false)] {
                guard let column, !record[column].isEmpty else { continue }
                do throws(AdmissionScoreParseError) {
                    let value = try AdmissionScore.parse(record[column])
                    if isScore { cutoff.score = value } else { cutoff.tiebreak = value }
                } catch {
                    issues.add(header.issue(record, column: column, "the value " + error.reasonEN))
                    return
                }
            }
            cutoffs[program] = cutoff
        }
        return cutoffs
    }
}

/// Reads a small CSV file whose header must name `first` and `second`; calls `body` with each
/// record of the right width and the two column positions.
private func readTwoColumns(path: String, first: String, second: String, expected: String, issues: IssueLog,
                            _ body: (CSVRecord, CSVHeader, Int, Int) -> Void) throws(ClearingIOError) {
    let reader = try CSVReader(path: path, chunkSize: 1 << 16)
    var header: CSVHeader?
    var columns: (Int, Int)?
    try reader.forEachRecord({ record in
        guard let header else {
            let parsed = CSVHeader(file: path, record: record, issues: issues)
            let firstColumn = parsed.column(first, required: true, line: record.line, issues: issues, expected: expected)
            let secondColumn = parsed.column(second, required: true, line: record.line, issues: issues, expected: expected)
            if let firstColumn, let secondColumn { columns = (firstColumn, secondColumn) }
            header = parsed
            return
        }
        guard let columns, header.checkFieldCount(record, issues: issues) else { return }
        body(record, header, columns.0, columns.1)
    }, malformed: { line, column, message in
        issues.add(ClearingFileIssue(file: path, line: line, column: column, message: message))
    })
    if header == nil { issues.add(ClearingFileIssue(file: path, line: 0, message: "the file is empty; expected the header \(expected)")) }
}
