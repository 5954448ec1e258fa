import Foundation
import Platform
import Registry
import SQLKit
import VietnameseText

/// `nemis import` and the API's upload jobs: reads a file of one kind of record, checks every row
/// with the API's own rules, and writes the good rows through the Registry in one transaction.
///
/// - All or nothing by default: if any row is refused, nothing is stored, and the report says why
///   for every refused row. `skipInvalid` stores the good rows only.
/// - Idempotent: rows upsert by their natural key, and a row equal to what is stored changes
///   nothing (no new version, no change-feed entry), so importing a file twice is harmless.
/// - A process killed half-way leaves the database as it was: the transaction never commits.
/// - Memory stays flat: rows stream from a reader thread, issues stream to the report file.
public struct BulkImporter: Sendable {
    public struct Options: Sendable {
        public var kind: BulkKind
        public var path: String
        public var skipInvalid: Bool
        /// Where the report of errors and repairs goes; nil for none.
        public var reportPath: String?
        /// The file holds only part of each record (converted from a OneRoster feed): what it
        /// leaves out is kept from the stored record rather than erased (`PartialRecords`).
        public var partialRecords: Bool
        /// Where a row of the file came from, when the file was converted from others: the report
        /// and the terminal name that place instead of the row number.
        public var rowOrigin: RowOrigin?

        public init(kind: BulkKind, path: String, skipInvalid: Bool = false, reportPath: String? = nil, partialRecords: Bool = false,
                    rowOrigin: RowOrigin? = nil) {
            self.kind = kind
            self.path = path
            self.skipInvalid = skipInvalid
            self.reportPath = reportPath
            self.partialRecords = partialRecords
            self.rowOrigin = rowOrigin
        }
    }

    /// Rows whose key a later row is compared with: enough for the repeated rows of real files
    /// (a row pasted twice, an export that repeats a page) without growing with the file.
    static let repeatWindow = 4096

    let database: any Database
    let writer: RegistryImportWriter
    /// Rows read, checked and stored together.
    let rowsPerBatch: Int

    /// `rowsPerBatch` defaults to the engine's (`defaultRowsPerBatch`).
    public init(database: any Database, rowsPerBatch: Int? = nil) {
        self.database = database
        writer = RegistryImportWriter(database: database)
        self.rowsPerBatch = max(1, rowsPerBatch ?? Self.defaultRowsPerBatch(database.engine))
    }

    /// On PostgreSQL each batch costs about a dozen round trips to the server (the stored records
    /// looked up, the change feed's lock and entries, two COPYs, a savepoint and its release), so
    /// fewer, larger batches are faster (BENCHMARKS.md, "Imports", 2026-12-02). On SQLite the
    /// statements run in this process and a larger batch only holds more rows in memory.
    static func defaultRowsPerBatch(_ engine: DatabaseEngine) -> Int {
        switch engine {
        case .postgres: 2_048
        case .sqlite: 512
        }
    }

    public func run(_ options: Options, principal: Principal,
                    progress: @escaping @Sendable (ImportProgress) -> Void = { _ in }) async throws -> ImportSummary {
        try await run([options], principal: principal) { _, step in progress(step) }[0]
    }

    /// Several files, one after the other in one transaction: either every file is stored or, when
    /// a row of a file that does not skip invalid rows is refused, none is. Each file has its own
    /// report; the summaries come in the files' order. `refusedBefore` counts rows refused before
    /// these files were made (converting them from another format): any stores nothing.
    ///
    /// The import prefers `ComputeExecutor` for its tasks. This program runs Swift's tasks on NIO's
    /// event loops (`Server.useEventLoopsForTasks`), where a job runs with its loop as its executor:
    /// every call of a nonisolated async function (each rule, each cached read) is then a hop to the
    /// generic executor that the loop cannot take at once, so the job goes back on the loop's queue.
    /// A learner file made some 26 such hops a row, a quarter of the import's CPU. On the executor it
    /// prefers, such a call runs where it is.
    public func run(_ files: [Options], principal: Principal, refusedBefore: Int = 0,
                    progress: @escaping @Sendable (BulkKind, ImportProgress) -> Void = { _, _ in }) async throws -> [ImportSummary] {
        try await withTaskExecutorPreference(ComputeExecutor.shared) {
            try await runOnPreferredExecutor(files, principal: principal, refusedBefore: refusedBefore, progress: progress)
        }
    }

    private func runOnPreferredExecutor(_ files: [Options], principal: Principal, refusedBefore: Int,
                                        progress: @escaping @Sendable (BulkKind, ImportProgress) -> Void) async throws -> [ImportSummary] {
        let reports = try files.map { try ImportReport(path: $0.reportPath, rowOrigin: $0.rowOrigin) }
        let (writer, rowsPerBatch) = (self.writer, self.rowsPerBatch)
        var summaries: [ImportSummary]
        do {
            summaries = try await database.transaction { db in
                var summaries: [ImportSummary] = []
                for (options, report) in zip(files, reports) {
                    summaries.append(try await Self.importFile(options, into: db, principal: principal, writer: writer,
                                                               rowsPerBatch: rowsPerBatch, report: report) {
                        progress(options.kind, $0)
                    })
                }
                if refusedBefore > 0 || zip(files, summaries).contains(where: { $1.refused > 0 && !$0.skipInvalid }) {
                    throw RolledBack(summaries: summaries)
                }
                return summaries.map { summary in
                    var summary = summary
                    summary.committed = true
                    return summary
                }
            }
        } catch let rolledBack as RolledBack {
            summaries = rolledBack.summaries
        }
        for report in reports { try report.finish() }
        return zip(files, summaries).map { options, summary in
            var summary = summary
            summary.reportPath = options.reportPath
            summary.rowOrigin = options.rowOrigin
            return summary
        }
    }

    /// One file's rows, checked and written inside the caller's transaction.
    private static func importFile(_ options: Options, into db: any SQLDatabase, principal: Principal, writer: RegistryImportWriter,
                                   rowsPerBatch: Int, report: ImportReport,
                                   progress: @escaping @Sendable (ImportProgress) -> Void) async throws -> ImportSummary {
        let kind = try RowSource.FileKind.of(path: options.path)
        let started = ContinuousClock.now
        var run = ImportRun(options: options, principal: principal, writer: writer, report: report, started: started)
        let resource = run.resource
        let checker = RowChecker(format: options.kind.format) { writer.batchBody(resource, $0) }
        for try await batch in RowSource.rows(of: options.path, kind: kind, rowsPerBatch: rowsPerBatch, transform: checker.check) {
            run.builder = batch.builder
            for row in batch.rows { try run.take(row) }
            try await ReferenceReadCache.$current.withValue(run.references) { try await run.writePending(db: db, final: false) }
            progress(ImportProgress(rows: run.summary.rows, refused: run.summary.refused, fraction: batch.fraction, seconds: run.elapsed))
        }
        guard let builder = run.builder else { throw ImportError.empty(options.path) }
        if let (key, column) = checker.dateOrder.monthFirstColumn(), let example = column.firstMonthFirst {
            throw ImportError.monthFirstDates(column: builder.headers[key] ?? key, row: example.row, value: example.text, undecided: column.undecided)
        }
        try await ReferenceReadCache.$current.withValue(run.references) { try await run.writePending(db: db, final: true) }
        var summary = run.finish()
        summary.seconds = run.elapsed
        return summary
    }

    /// Thrown out of the transaction to roll it back, carrying what the run found.
    struct RolledBack: Error {
        let summaries: [ImportSummary]
    }
}

/// A batch's rows as the reader's thread checked them.
private struct CheckedBatch: Sendable {
    /// The builder the file's header made; nil until the header is read.
    let builder: RowBuilder?
    let rows: [CheckedRow]
    let fraction: Double?
}

private struct CheckedRow: Sendable {
    let raw: RawRow
    let built: BuiltRow
    /// The built body decoded for the batch write; nil when the row has an error.
    let decoded: BatchBody?
}

/// Checks rows on the reader's thread, beside the writer: the first row is the header and makes
/// the builder, a row of notes under it (the template's) is skipped, every other row is built and
/// its body decoded as the batch write will take it.
private final class RowChecker: @unchecked Sendable {
    // Only the reader's thread calls `check`, one batch after the other.
    private let format: BulkFormat
    private let decode: @Sendable (Data) -> BatchBody
    private var builder: RowBuilder?
    private var sawFirstDataRow = false
    private let dateColumns: [String]
    /// Read by the writer once the file has been read to its end.
    private(set) var dateOrder = DateOrderEvidence()

    init(format: BulkFormat, decode: @escaping @Sendable (Data) -> BatchBody) {
        self.format = format
        self.decode = decode
        dateColumns = format.columns.filter { $0.value == .date }.map(\.key)
    }

    func check(_ batch: RowSource.Batch) throws -> CheckedBatch {
        var checked: [CheckedRow] = []
        checked.reserveCapacity(batch.rows.count)
        for row in batch.rows {
            guard let builder else {
                builder = try RowBuilder(format: format, headerCells: row.cells)
                continue
            }
            if !sawFirstDataRow {
                sawFirstDataRow = true
                if format.isNotesRow(row.cells) { continue }
            }
            let built = builder.build(row)
            for key in dateColumns { dateOrder.note(VietnameseText.clean(builder.cell(row, key)), column: key, row: row.number) }
            checked.append(CheckedRow(raw: row, built: built, decoded: built.body.map(decode)))
        }
        return CheckedBatch(builder: builder, rows: checked, fraction: batch.fraction)
    }
}

/// The state of one import while its rows go by: rows are checked as they arrive and written a
/// batch at a time.
private struct ImportRun {
    let options: BulkImporter.Options
    let principal: Principal
    let writer: RegistryImportWriter
    let report: ImportReport
    let started: ContinuousClock.Instant
    let resource: RegistryImportWriter.Resource
    var builder: RowBuilder?
    var summary: ImportSummary
    /// Recent records by key: their first row's number, their body and (for a record spread over
    /// rows) its rows' values, to tell a repeated row from a conflicting one.
    var recent: [String: (row: Int, body: Data, rowValues: [[String: BodyValue]])] = [:]
    var recentOrder: [String] = []
    /// Records checked and waiting to be written with the rest of their batch: the first row of
    /// each, and the values of all its rows when its format spreads a record over rows.
    var pending: [Pending] = []
    /// A batch's rows and what `prepare` made of them.
    typealias PreparedRows = (rows: [Pending], batch: PreparedBatch)
    /// A batch read and ruled on, not yet stored: the next `writePending` stores it.
    var prepared: PreparedRows?
    /// Issues not yet in the report. A row's refusal by the rules is known only once its batch is
    /// stored, after the issues of the cells of later rows: they wait here until no issue can come
    /// before them, so that the report (and the summary's first examples) follow the file's rows.
    var held: [ImportIssue] = []
    /// Rows refused for their cells whose other cells the rules have not checked yet
    /// (`checkRulesOfRowsRefusedForCells`).
    var refusedForCells: [(row: RawRow, body: Data, failedColumns: Set<String>)] = []

    struct Pending {
        let row: RawRow
        let key: String
        /// The record's key is issued or found as it is written (`BuiltRow.keyToIssue`).
        let keyToIssue: Bool
        /// The body decoded; nil once the body changed after the reader decoded it.
        var decoded: BatchBody?
        var body: Data {
            didSet { decoded = nil }
        }
        var rowValues: [[String: BodyValue]]
    }
    let references: ReferenceReadCache

    init(options: BulkImporter.Options, principal: Principal, writer: RegistryImportWriter, report: ImportReport, started: ContinuousClock.Instant) {
        self.options = options
        self.principal = principal
        self.writer = writer
        self.report = report
        self.started = started
        resource = RegistryImportWriter.Resource(rawValue: options.kind.rawValue) ?? .schools
        summary = ImportSummary(kind: options.kind)
        references = writer.referenceCache(for: resource)
    }

    var elapsed: Double { (ContinuousClock.now - started).seconds }

    mutating func take(_ checked: CheckedRow) throws {
        let row = checked.raw, built = checked.built
        summary.rows += 1
        held += built.issues
        guard let encoded = built.body else {
            summary.refused += 1
            // A file converted from parts of records leaves out what the rules would call missing.
            if let checkBody = built.checkBody, !options.partialRecords {
                refusedForCells.append((row, checkBody, built.failedColumns))
            }
            return
        }
        if let earlier = recent[built.key] {
            if options.kind.format.repeatingGroup != nil, let builder, try addToRecordAbove(built, row: row, earlier: earlier, builder: builder) {
                return
            }
            if earlier.body == encoded {
                summary.repeated += 1
                held.append(ImportIssue(row: row.number, column: "", value: built.key, severity: .warning, reason: ImportReason(
                    "row.repeated", vi: "Dòng lặp lại dòng \(earlier.row); chỉ ghi một lần", en: "repeats row \(earlier.row); written once")))
                return
            }
            summary.refused += 1
            held.append(ImportIssue(row: row.number, column: "", value: built.key, severity: .error, reason: ImportReason(
                "row.conflictsWithEarlier", vi: "Cùng khóa với dòng \(earlier.row) nhưng khác giá trị; giữ một dòng",
                en: "has the key of row \(earlier.row) with other values; keep one of them")))
            return
        }
        remember(built.key, row: row.number, body: encoded, rowValues: [built.values])
        pending.append(Pending(row: row, key: built.key, keyToIssue: built.keyToIssue, decoded: checked.decoded, body: encoded,
                               rowValues: [built.values]))
    }

    /// A row with the key of an earlier one, in a format that spreads a record over rows: a new
    /// item for the record just above joins it, and a repeated item is a repeated row. False
    /// when the row conflicts with the record, which the caller reports.
    private mutating func addToRecordAbove(_ built: BuiltRow, row: RawRow, earlier: (row: Int, body: Data, rowValues: [[String: BodyValue]]),
                                           builder: RowBuilder) throws -> Bool {
        switch builder.addition(of: built.values, to: earlier.rowValues) {
        case .conflict:
            return false
        case .repeated:
            summary.repeated += 1
            held.append(ImportIssue(row: row.number, column: "", value: built.key, severity: .warning, reason: ImportReason(
                "row.repeated", vi: "Dòng lặp lại dòng \(earlier.row); chỉ ghi một lần", en: "repeats row \(earlier.row); written once")))
            return true
        case .item:
            guard var record = pending.last, record.key == built.key else {
                summary.refused += 1
                held.append(ImportIssue(row: row.number, column: "", value: built.key, severity: .error, reason: ImportReason(
                    "row.groupNotConsecutive", vi: "Cùng mã với dòng \(earlier.row) nhưng không liền sau: các dòng của một người phải liền nhau",
                    en: "has the key of row \(earlier.row) but does not follow it: one person's rows come one after the other")))
                return true
            }
            record.rowValues.append(built.values)
            record.body = builder.body(record.rowValues)
            pending[pending.count - 1] = record
            recent[built.key] = (earlier.row, record.body, record.rowValues)
            summary.joined += 1
            return true
        }
    }

    /// Writes the rows checked so far: together where the batch path takes them, one by one where
    /// it hands them back. A record spread over rows may go on in the next batch: until the last
    /// (`final`), the last record waits for the batch after.
    ///
    /// The batch prepared by the call before is stored now, and these rows are prepared (read and
    /// ruled on) while it is: on PostgreSQL the server stores one batch while this process runs the
    /// next one's rules. They are prepared again once the store is done when they cannot have seen
    /// what it wrote (`PreparedBatch.nextMayBePreparedAhead`): their resource's rules read other
    /// records of its kind, or a record the batch before stored or wrote alone has one of their keys.
    /// They are also prepared again when preparing them failed: a refused statement of the store
    /// beside them spoils a PostgreSQL transaction until its savepoint is rolled back, and a read
    /// that came between fails.
    mutating func writePending(db: any SQLDatabase, final: Bool) async throws {
        guard let builder else { return }
        try await checkRulesOfRowsRefusedForCells(builder: builder, db: db)
        let rows = takePending(final: final)
        var aheadError: (any Error)?
        do {
            var next: PreparedRows?
            if let waiting = prepared {
                prepared = nil
                let principal = self.principal
                async let stored = waiting.batch.store(principal: principal, db: db)
                var ahead: PreparedRows?
                // Keys are issued once the batch before is stored, where its records are found
                // (a new learner named by the citizen ID of one it stored).
                if !rows.isEmpty && waiting.batch.nextMayBePreparedAhead && !rows.contains(where: \.keyToIssue) {
                    do { ahead = try await prepare(rows, db: db) } catch { aheadError = error }
                }
                let writtenAlone = try await settle(waiting.rows, try await stored, builder: builder, db: db)
                if let ahead, ahead.batch.naturalKeys.isDisjoint(with: waiting.batch.naturalKeys),
                   ahead.batch.naturalKeys.isDisjoint(with: writtenAlone) {
                    next = ahead
                }
            }
            if next == nil && !rows.isEmpty { next = try await prepare(rows, db: db) }
            prepared = next
            if final, let last = prepared {
                prepared = nil
                _ = try await settle(last.rows, try await last.batch.store(principal: principal, db: db), builder: builder, db: db)
            }
            try reportSettledIssues()
        } catch {
            // When the preparation beside the store failed first, it spoilt a PostgreSQL transaction
            // and what failed after only says so: the first error is the one to report.
            if let aheadError, DatabaseErrors.isTransactionAborted(error) { throw aheadError }
            throw error
        }
    }

    /// Puts the rows refused for their cells to the rules with the cells that were read, so that the
    /// report names at once everything wrong with a row (an unknown school beside a date that is not
    /// one) rather than one thing each time the file is sent again. Nothing of them is stored: the
    /// keys issued for the check (new learners' codes, the province's serials) are taken back with a
    /// savepoint. What the rules say of a failed cell, and a body that cannot be decoded without one,
    /// the cells' issues have said already.
    private mutating func checkRulesOfRowsRefusedForCells(builder: RowBuilder, db: any SQLDatabase) async throws {
        guard !refusedForCells.isEmpty else { return }
        let rows = refusedForCells
        refusedForCells = []
        try await db.raw("SAVEPOINT import_rules_check_batch").run()
        var bodies = rows.map(\.body)
        var decoded = bodies.map { writer.batchBody(resource, $0) }
        for (index, issued) in try await writer.issueKeys(resource, bodies, decoded: decoded, db: db) {
            (bodies[index], decoded[index]) = (issued.body, issued.decoded)
        }
        let checked = try await writer.prepareBatch(resource, decoded, principal: principal, db: db)
        var refusals: [(index: Int, error: any Error)] = checked.outcomes.enumerated().compactMap { index, outcome in
            if case .refused(let error) = outcome { (index, error) } else { nil }
        }
        for index in checked.handedBack {
            if let error = try await refusalOfTrialWrite(bodies[index], db: db) { refusals.append((index, error)) }
        }
        try await db.raw("ROLLBACK TO SAVEPOINT import_rules_check_batch").run()
        try await db.raw("RELEASE SAVEPOINT import_rules_check_batch").run()
        for (index, refusal) in refusals {
            let (row, _, failedColumns) = rows[index]
            for fieldError in WriteFailureDetails.fieldErrors(refusal) ?? [] where fieldError.code != "json.invalid" {
                let column = builder.header(forField: fieldError.field)
                guard !failedColumns.contains(column) else { continue }
                held.append(ImportIssue(row: row.number, column: column, value: builder.value(forField: fieldError.field, in: row),
                                        severity: .error, reason: ImportReasonCatalog.reason(for: fieldError)))
            }
        }
    }

    /// What the rules say of a record the batch path hands back (a learner whose code the batch could
    /// not issue: its school unknown, or its citizen ID shared): it is written alone inside a savepoint
    /// that is always rolled back.
    private func refusalOfTrialWrite(_ body: Data, db: any SQLDatabase) async throws -> (any Error)? {
        try await db.raw("SAVEPOINT import_rules_check").run()
        var refusal: (any Error)?
        do {
            _ = try await writer.write(resource, body: body, principal: principal, db: db)
        } catch {
            guard WriteFailureDetails.fieldErrors(error) != nil else { throw error }
            refusal = error
        }
        try await db.raw("ROLLBACK TO SAVEPOINT import_rules_check").run()
        try await db.raw("RELEASE SAVEPOINT import_rules_check").run()
        return refusal
    }

    /// Writes the held issues of the rows above the first one still waiting to be stored, in the
    /// file's order: a later issue is either a refusal of a waiting row or about a row not read yet.
    /// Issues of one row keep their order (the cells', then the rules').
    private mutating func reportSettledIssues() throws {
        // Rows wait in the file's order: the prepared batch's first, else the first pending one.
        let firstWaiting = prepared?.rows.first?.row.number ?? pending.first?.row.number ?? Int.max
        let settled = held.enumerated().filter { $0.element.row < firstWaiting }
            .sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }
        for (_, issue) in settled { try report.add(issue) }
        held.removeAll { $0.row < firstWaiting }
    }

    /// The pending rows a batch takes: all of them, but the last record of a format that spreads a
    /// record over rows until the file ends.
    private mutating func takePending(final: Bool) -> [Pending] {
        let rows = options.kind.format.repeatingGroup != nil && !final ? Array(pending.dropLast()) : pending
        pending.removeFirst(rows.count)
        return rows
    }

    /// The rows' batch read and ruled on; the rows with their records completed from the stored ones
    /// when the file holds only part of each (`Options.partialRecords`), and with the keys a batch can
    /// issue (new learners' codes, `RegistryImportWriter.issueKeys`), which writes: rows that need them
    /// are not prepared beside the store of the batch before.
    private func prepare(_ rows: [Pending], db: any SQLDatabase) async throws -> PreparedRows {
        var rows = rows
        if options.partialRecords {
            for (index, body) in try await PartialRecords.completed(resource, bodies: rows.map(\.body), db: db).enumerated() {
                if rows[index].body != body { rows[index].body = body }
            }
        }
        if rows.contains(where: \.keyToIssue) {
            for (index, issued) in try await writer.issueKeys(resource, rows.map(\.body), decoded: rows.map(\.decoded), db: db) {
                rows[index].body = issued.body
                rows[index].decoded = issued.decoded
            }
        }
        let bodies = rows.map { $0.decoded ?? writer.batchBody(resource, $0.body) }
        return (rows, try await writer.prepareBatch(resource, bodies, principal: principal, db: db))
    }

    /// Counts a stored batch's records and reports its refused ones; writes alone those it handed
    /// back. Returns the keys of the records those wrote: a row without a key may have been given
    /// one, or found a stored record by another field.
    private mutating func settle(_ rows: [Pending], _ outcomes: [BatchWriteOutcome], builder: RowBuilder,
                                 db: any SQLDatabase) async throws -> Set<String> {
        var writtenAlone: Set<String> = []
        for (item, outcome) in zip(rows, outcomes) {
            switch outcome {
            case .written(let created, let changed): count(created: created, changed: changed)
            case .refused(let error): try refuse(item.row, builder: builder, error: error)
            case .writeAlone:
                if let key = try await write(item.body, row: item.row, builder: builder, db: db) { writtenAlone.insert(key) }
            }
        }
        return writtenAlone
    }

    private mutating func count(created: Bool, changed: Bool) {
        if created { summary.created += 1 } else if changed { summary.updated += 1 } else { summary.unchanged += 1 }
    }

    private mutating func refuse(_ row: RawRow, builder: RowBuilder, error: any Error) throws {
        guard let fieldErrors = WriteFailureDetails.fieldErrors(error) else { throw error }
        summary.refused += 1
        for fieldError in fieldErrors {
            held.append(ImportIssue(row: row.number, column: builder.header(forField: fieldError.field),
                                    value: builder.value(forField: fieldError.field, in: row), severity: .error,
                                    reason: ImportReasonCatalog.reason(for: fieldError)))
        }
    }

    /// Writes one row alone inside a savepoint, so a refused row leaves nothing behind, and on PostgreSQL
    /// a failed statement does not end the whole transaction. Returns the key of the record written,
    /// nil when the row was refused.
    private mutating func write(_ body: Data, row: RawRow, builder: RowBuilder, db: any SQLDatabase) async throws -> String? {
        try await db.raw("SAVEPOINT import_row").run()
        do {
            let written = try await writer.write(resource, body: body, principal: principal, db: db)
            switch written.outcome {
            case .created: count(created: true, changed: true)
            case .updated: count(created: false, changed: true)
            case .unchanged: count(created: false, changed: false)
            }
            try await db.raw("RELEASE SAVEPOINT import_row").run()
            return written.naturalKey
        } catch {
            guard WriteFailureDetails.fieldErrors(error) != nil else { throw error }
            try await db.raw("ROLLBACK TO SAVEPOINT import_row").run()
            try await db.raw("RELEASE SAVEPOINT import_row").run()
            try refuse(row, builder: builder, error: error)
            return nil
        }
    }

    private mutating func remember(_ key: String, row: Int, body: Data, rowValues: [[String: BodyValue]]) {
        recent[key] = (row, body, rowValues)
        recentOrder.append(key)
        if recentOrder.count > BulkImporter.repeatWindow * 2 {
            for old in recentOrder.prefix(BulkImporter.repeatWindow) where recent[old]?.row ?? 0 < row - BulkImporter.repeatWindow {
                recent[old] = nil
            }
            recentOrder.removeFirst(BulkImporter.repeatWindow)
        }
    }

    func finish() -> ImportSummary {
        var summary = self.summary
        summary.errors = report.errors
        summary.warnings = report.warnings
        summary.reasons = report.reasons
        summary.examples = report.examples
        return summary
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
