import BulkData

/// The problems of a OneRoster set that stop rows before the import sees them (references that
/// resolve to nothing, a person without demographics), in the import report's format, each
/// named by its file and line.
final class ConversionReport {
    private let report: ImportReport
    private(set) var examples: [String] = []

    init(path: String?) throws {
        report = try ImportReport(path: path)
    }

    var errors: Int { report.errors }
    var reasons: [ImportSummary.Reason] { report.reasons }

    func add(_ file: String, _ line: Int, column: String, value: String, code: String, vi: String, en: String) throws {
        let place = "\(file):\(line)"
        try report.add(ImportIssue(row: line, column: column, value: value, severity: .error, reason: ImportReason(code, vi: vi, en: en)),
                       at: place)
        if examples.count < ImportReport.examplesKept { examples.append("\(place), \(column) '\(value)': \(en)") }
    }

    func finish() throws { try report.finish() }
}
