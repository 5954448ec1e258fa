@testable import BulkData
import Foundation
import Registry
import Testing

/// A dataset small enough for a debug build yet cut like a national one: every part of Lai Châu
/// and the first three of Hồ Chí Minh City, each reduced to its first two schools, so rows from
/// several parts and provinces meet in each file.
enum SmallDataset {
    static func plan(seed: UInt64) throws -> (DatasetPlan, GenerationContext) {
        let geography = try Geography.load()
        let laiChau = DatasetPlan.make(geography: geography, seed: seed, onlyProvince: "12").parts
        let hoChiMinh = DatasetPlan.make(geography: geography, seed: seed, onlyProvince: "79").parts.prefix(3)
        let parts = (laiChau + hoChiMinh).map { part in
            DatasetPlan.Part(province: part.province, indexInProvince: part.indexInProvince, partsInProvince: part.partsInProvince,
                             schools: Array(part.schools.prefix(2)))
        }
        let context = try GenerationContext(seed: seed, dirtyRate: 0, schoolYear: GenerateOptions.defaultSchoolYear,
                                            geography: geography, names: try NameBank.load())
        return (DatasetPlan(parts: parts), context)
    }

    /// Writes the small dataset into a new directory.
    static func write(seed: UInt64, threads: Int, dirtyRate: Double = 0) throws -> (TemporaryDirectory, GenerateSummary) {
        let folder = try TemporaryDirectory("small")
        let (plan, clean) = try plan(seed: seed)
        let context = try GenerationContext(seed: seed, dirtyRate: dirtyRate, schoolYear: clean.schoolYear, geography: clean.geography,
                                            names: try NameBank.load())
        let options = GenerateOptions(scale: .province, seed: seed, outputDirectory: folder.path, dirtyRate: dirtyRate, threads: threads)
        return (folder, try DatasetGenerator.write(plan, context: context, options: options))
    }

    /// Every file of a dataset, by kind.
    static func read(_ folder: TemporaryDirectory) throws -> [BulkKind: CSVFile] {
        var files: [BulkKind: CSVFile] = [:]
        for kind in BulkKind.allCases { files[kind] = try CSVFile(path: folder.file(kind.fileName)) }
        return files
    }
}
