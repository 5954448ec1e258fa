import Foundation

/// One timed path: its times, its own peak resident memory and its last result.
struct MeasuredPath<Value> {
    let timing: Timing
    let peakBytes: Int?
    let result: Value
}

/// Resets the memory peak, then measures `work` (see `measure`).
func measurePath<Value>(
    _ options: BenchOptions,
    isolation: isolated (any Actor)? = #isolation,
    _ work: () async -> Value
) async -> MeasuredPath<Value> {
    PeakMemory.resetPeak()
    let (timing, result) = await measure(warmUps: options.warmUps, repetitions: options.repetitions, work)
    return MeasuredPath(timing: timing, peakBytes: PeakMemory.peakBytes, result: result)
}

/// The figures table, one row per path and core count.
struct ResultTable {
    struct Row {
        let path: String
        let cores: Int
        let timing: Timing
        let peakBytes: Int?
    }

    let learners: Int
    private(set) var rows: [Row] = []

    init(learners: Int) { self.learners = learners }

    mutating func add<Value>(_ path: String, cores: Int, _ measured: MeasuredPath<Value>) {
        rows.append(Row(path: path, cores: cores, timing: measured.timing, peakBytes: measured.peakBytes))
        print("  measured \(path) on \(cores) core(s): median \(Format.seconds(measured.timing.median))")
    }

    /// Seconds a million learners would take at this row's median pace.
    func secondsPerMillion(_ row: Row) -> Double { row.timing.median.seconds * 1_000_000 / Double(learners) }

    var lines: [String] {
        let header = Format.padded("path", 34) + Format.leftPadded("cores", 6) + Format.leftPadded("min", 10)
            + Format.leftPadded("median", 10) + Format.leftPadded("learners/s", 13)
            + Format.leftPadded("s per 1M", 10) + Format.leftPadded("CPU", 10) + Format.leftPadded("peak RSS", 11)
        var lines = [header, String(repeating: "-", count: header.count)]
        for row in rows {
            let perSecond = Int((Double(learners) / row.timing.median.seconds).rounded())
            lines.append(
                Format.padded(row.path, 34) + Format.leftPadded("\(row.cores)", 6)
                    + Format.leftPadded(Format.seconds(row.timing.minimum), 10)
                    + Format.leftPadded(Format.seconds(row.timing.median), 10)
                    + Format.leftPadded(Format.count(perSecond), 13)
                    + Format.leftPadded(String(format: "%.2f s", secondsPerMillion(row)), 10)
                    + Format.leftPadded(Format.seconds(row.timing.medianCPU), 10)
                    + Format.leftPadded(Format.megabytes(row.peakBytes), 11))
        }
        return lines
    }
}
