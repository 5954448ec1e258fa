import ArgumentParser
import BulkData
import Foundation

extension BulkKind: ExpressibleByArgument {}
extension BulkTemplate.FileFormat: ExpressibleByArgument {}
extension GenerateOptions.Scale: ExpressibleByArgument {}

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the empty file of a bulk format: Vietnamese headers, then a row of notes.",
        discussion: "Kinds: \(BulkKind.allCases.map(\.rawValue).joined(separator: ", ")). CSV is UTF-8 with a byte order mark, so Excel reads it.")

    @Argument(help: "What the file holds.")
    var kind: BulkKind

    @Option(name: .long, help: "csv or xlsx.")
    var format: BulkTemplate.FileFormat = .xlsx

    @Option(name: .long, help: ArgumentHelp("Where to write it. Default: <kind>-template.<format> here.", valueName: "file"))
    var out: String?

    func run() throws {
        let path = out ?? "\(kind.rawValue)-template.\(format.rawValue)"
        try BulkTemplate.write(kind, as: format, to: path)
        print("wrote \(path): \(kind.format.columns.count) columns (\(kind.format.columns.filter(\.required).count) required)")
    }
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic dataset in the bulk formats: one CSV per kind (schools.csv, staff.csv, learners.csv, …).",
        discussion: """
        The same seed and options give byte-identical files whatever --threads is. National scale: 34 provinces, \
        about 53,000 schools, 1.6 million staff, 24 million learners (several GB). With --dirty, that share of rows \
        is damaged as real files are (IDs without leading zeros or in scientific notation, Excel serial dates, \
        day and month swapped, stray spaces, NFD and TCVN3/VNI text, repeated rows), and dirty-manifest.csv lists \
        every case: file, row (the header is row 1), column, damage, clean and dirty value.
        """)

    @Option(name: .long, help: "national, province or school.")
    var scale: GenerateOptions.Scale

    @Option(name: .long, help: "The random seed.")
    var seed: UInt64

    @Option(name: .long, help: ArgumentHelp("The directory to write into (created if needed).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Share of rows to damage, 0 to 1 (e.g. 0.02).", valueName: "rate"))
    var dirty: Double = 0

    @Option(name: .long, help: ArgumentHelp("2-digit province (2025 list) for province and school scale. Default: 19 (Thái Nguyên).",
                                            valueName: "code"))
    var province: String?

    @Option(name: .long, help: "Worker threads. Default: the number of processors.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: ArgumentHelp("The school year of classes and enrolments.", valueName: "yyyy-yyyy"))
    var schoolYear: String = GenerateOptions.defaultSchoolYear

    func run() throws {
        let options = GenerateOptions(scale: scale, seed: seed, outputDirectory: out, dirtyRate: dirty, provinceCode: province,
                                      threads: threads, schoolYear: schoolYear)
        var lastReport = 0.0
        let summary: GenerateSummary
        do {
            summary = try DatasetGenerator.generate(options) { progress in
                guard progress.seconds - lastReport >= 5 || progress.partsDone == progress.partsTotal else { return }
                lastReport = progress.seconds
                let rate = Double(progress.rowsWritten) / max(progress.seconds, 0.001)
                let remaining = progress.seconds / Double(progress.partsDone) * Double(progress.partsTotal - progress.partsDone)
                FileHandle.standardError.write(Data(String(
                    format: "generate: part %d/%d, %d learners, %d rows, %.0f rows/s, about %.0f s left\n",
                    progress.partsDone, progress.partsTotal, progress.learnersWritten, progress.rowsWritten, rate, remaining).utf8))
            }
        } catch let error as GenerateError {
            throw ValidationError(error.description)
        }
        for kind in BulkKind.allCases {
            let name = kind.fileName.padding(toLength: 26, withPad: " ", startingAt: 0)
            print(name + String(format: " %12d rows %10.1f MB", summary.rows[kind] ?? 0, Double(summary.bytes[kind] ?? 0) / 1_000_000))
        }
        if dirty > 0 { print("\(DatasetGenerator.manifestFileName): \(summary.damagedRows) damaged rows") }
        print(String(format: "in \(out): %d rows in %d parts, %.1f s, %.0f rows/s, %d threads", summary.totalRows, summary.parts, summary.seconds,
                     Double(summary.totalRows) / max(summary.seconds, 0.001), threads))
    }
}
