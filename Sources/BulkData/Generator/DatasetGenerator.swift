import Foundation
import Platform
import Registry

/// `nemis generate`: a synthetic dataset in the bulk formats, one CSV file per kind, the same
/// bytes for the same options whatever the number of threads.
///
/// The plan (every school) is made first; its parts are generated in parallel into memory and
/// appended to the files in plan order by this thread, so memory holds a few parts at a time
/// whatever the scale. Files appear only when complete (CSVWriter renames them into place).
public enum DatasetGenerator {
    public static let manifestFileName = "dirty-manifest.csv"
    public static let manifestHeader = ["file", "row", "column", "damage", "clean_value", "dirty_value"]

    public static func generate(_ options: GenerateOptions, progress: ((GenerateProgress) -> Void)? = nil) throws -> GenerateSummary {
        guard (0...1).contains(options.dirtyRate) else {
            throw GenerateError.invalidOption("--dirty is a share of rows between 0 and 1, not \(options.dirtyRate)")
        }
        let started = Date()
        let geography = try Geography.load()
        let context = try GenerationContext(seed: options.seed, dirtyRate: options.dirtyRate, schoolYear: options.schoolYear,
                                            geography: geography, names: try NameBank.load())
        let plan = try makePlan(options, geography: geography)
        return try write(plan, context: context, options: options, started: started, progress: progress)
    }

    /// Generates the parts of `plan` and writes the files (tests give a reduced plan).
    static func write(_ plan: DatasetPlan, context: GenerationContext, options: GenerateOptions, started: Date = Date(),
                      progress: ((GenerateProgress) -> Void)? = nil) throws -> GenerateSummary {
        try createDirectory(options.outputDirectory)

        let output = try DatasetFiles(directory: options.outputDirectory, withManifest: options.dirtyRate > 0)
        var summary = GenerateSummary()
        summary.parts = plan.parts.count
        let learnersSlot = BulkKind.allCases.firstIndex(of: .learners)!
        let threads = max(1, options.threads)
        let work = OrderedWork<PartOutput>(count: plan.parts.count, window: threads * 2)
        try work.run(threads: threads, job: { index in
            var generator = PartGenerator(context: context, part: plan.parts[index])
            return try generator.run()
        }, consume: { index, part in
            try output.append(part)
            progress?(GenerateProgress(partsDone: index + 1, partsTotal: plan.parts.count, rowsWritten: output.rowCounts.reduce(0, +),
                                       learnersWritten: output.rowCounts[learnersSlot], seconds: Date().timeIntervalSince(started)))
        })
        try output.commit()
        for (slot, kind) in BulkKind.allCases.enumerated() {
            summary.rows[kind] = output.rowCounts[slot]
            summary.bytes[kind] = output.byteCounts[slot]
        }
        summary.damagedRows = output.damageCount
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    static func makePlan(_ options: GenerateOptions, geography: Geography) throws -> DatasetPlan {
        switch options.scale {
        case .national:
            if let code = options.provinceCode {
                throw GenerateError.invalidOption("--province \(code) applies to province and school scale, not national")
            }
            return DatasetPlan.make(geography: geography, seed: options.seed, onlyProvince: nil)
        case .province, .school:
            let code = options.provinceCode ?? GenerateOptions.defaultProvince
            guard let province = geography.province(code: code) else { throw GenerateError.unknownProvince(code) }
            return options.scale == .province
                ? DatasetPlan.make(geography: geography, seed: options.seed, onlyProvince: code)
                : DatasetPlan.oneSchool(geography: geography, province: province, seed: options.seed)
        }
    }

    private static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GenerateError.outputDirectory(path: path, reason: error.localizedDescription)
        }
    }
}

/// The dataset's files while they are written: one per kind (byte order mark and header first)
/// and the damage manifest, whose row numbers count the header as row 1, as Excel shows them.
final class DatasetFiles {
    private let writers: [CSVWriter]
    private let manifest: CSVWriter?
    private(set) var rowCounts: [Int]
    private(set) var byteCounts: [Int]
    private(set) var damageCount = 0

    init(directory: String, withManifest: Bool) throws {
        var writers: [CSVWriter] = []
        var byteCounts: [Int] = []
        for kind in BulkKind.allCases {
            let writer = try CSVWriter(path: (directory as NSString).appendingPathComponent(kind.fileName))
            var header = CSVEncoding.byteOrderMark
            CSVEncoding.appendRow(kind.format.headers, to: &header)
            try writer.writeBytes(header)
            writers.append(writer)
            byteCounts.append(header.count)
        }
        self.writers = writers
        self.byteCounts = byteCounts
        rowCounts = Array(repeating: 0, count: writers.count)
        if withManifest {
            let manifest = try CSVWriter(path: (directory as NSString).appendingPathComponent(DatasetGenerator.manifestFileName))
            var header = CSVEncoding.byteOrderMark
            CSVEncoding.appendRow(DatasetGenerator.manifestHeader, to: &header)
            try manifest.writeBytes(header)
            self.manifest = manifest
        } else {
            manifest = nil
        }
    }

    func append(_ part: PartOutput) throws {
        if let manifest {
            var rows: [UInt8] = []
            for record in part.damage {
                let slot = RowEmitter.slot[record.kind]!
                // Row 1 is the header; the part's rows follow those already written.
                let row = rowCounts[slot] + record.localRow + 2
                CSVEncoding.appendRow([record.kind.fileName, String(row), record.column, record.damage.rawValue, record.clean, record.dirty],
                                      to: &rows)
            }
            try manifest.writeBytes(rows)
            damageCount += part.damage.count
        }
        for slot in writers.indices {
            try writers[slot].writeBytes(part.bytes[slot])
            rowCounts[slot] += part.rowCounts[slot]
            byteCounts[slot] += part.bytes[slot].count
        }
    }

    func commit() throws {
        for writer in writers { try writer.commit() }
        try manifest?.commit()
    }
}
