/// What `nemis generate` makes.
public struct GenerateOptions: Sendable {
    public enum Scale: String, CaseIterable, Sendable {
        /// 34 provinces, about 53,000 schools, 1.6 million staff and 24 million learners.
        case national
        /// One province, exactly as the national dataset has it.
        case province
        /// One multi-level primary and lower-secondary school.
        case school
    }

    public var scale: Scale
    public var seed: UInt64
    public var outputDirectory: String
    /// The share of rows to damage (0 for clean files).
    public var dirtyRate: Double
    /// The 2-digit province for province and school scale; Thái Nguyên (19), the demo's, by default.
    public var provinceCode: String?
    /// Worker threads; the files do not depend on it.
    public var threads: Int
    /// The year the classes and enrolments are for; ages follow from it. Fixed by default so a
    /// seed gives the same files on any day.
    public var schoolYear: String

    public static let defaultProvince = "19"
    public static let defaultSchoolYear = "2026-2027"

    public init(scale: Scale, seed: UInt64, outputDirectory: String, dirtyRate: Double = 0, provinceCode: String? = nil,
                threads: Int, schoolYear: String = GenerateOptions.defaultSchoolYear) {
        self.scale = scale
        self.seed = seed
        self.outputDirectory = outputDirectory
        self.dirtyRate = dirtyRate
        self.provinceCode = provinceCode
        self.threads = threads
        self.schoolYear = schoolYear
    }
}

/// What a run produced, for the summary.
public struct GenerateSummary: Sendable {
    public var rows: [BulkKind: Int] = [:]
    public var bytes: [BulkKind: Int] = [:]
    public var damagedRows = 0
    public var parts = 0
    public var seconds = 0.0

    public var totalRows: Int { rows.values.reduce(0, +) }
}

/// Where a run is, after each part written.
public struct GenerateProgress: Sendable {
    public let partsDone: Int
    public let partsTotal: Int
    public let rowsWritten: Int
    public let learnersWritten: Int
    public let seconds: Double
}
