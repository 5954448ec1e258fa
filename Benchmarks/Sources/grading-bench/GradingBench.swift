import Foundation
import Grading

/// Issue 6's speed goal: year results for 1M learners × 12 subjects computed from raw scores in under
/// 10 s. Times the bulk path (`GradebookLayout.computeYearOutcomes`) and the per-learner path
/// (`YearResults.compute`) on one core and on all cores, and what bringing raw entries into the bulk
/// layout costs; checks that the paths agree; prints the spread of outcomes.
@main
struct GradingBench {
    static let goalSeconds = 10.0

    static func main() async {
        let options = BenchOptions.parse(CommandLine.arguments.dropFirst())
        let clock = ContinuousClock()
        let started = clock.now
        let layout: GradebookLayout
        do {
            layout = try GradebookLayout(ruleSet: .circular22_2021, subjects: Grade6Timetable.specs)
        } catch {
            Verification.fail("grade-6 layout: \(error)")
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let everyone = 0 ..< options.learners
        let ranges = ParallelChunks.ranges(count: options.learners, parts: cores * options.rangesPerCore)
        var table = ResultTable(learners: options.learners)

        print("grading-bench: \(Format.count(options.learners)) learners × \(layout.subjects.count) subjects "
            + "(grade 6, Circular 22/2021), \(layout.cellsPerLearner) assessments per learner")
        print("seed \(options.seed), \(cores) cores, \(ranges.count) learner ranges for the all-cores runs, "
            + "\(options.warmUps) warm-up + \(options.repetitions) timed runs per row")
        print("peak RSS is reset before each row: \(PeakMemory.resetPeak() ? "yes" : "no (peaks since start)")")

        // Bulk path: only the flat buffer and the contexts are in memory.
        var phase = clock.now
        let bulk = await CohortGeneration.bulk(layout: layout, seed: options.seed, ranges: ranges)
        print("bulk input: \(Format.megabytes(bulk.cells.count)) of cells, generated through appendCells "
            + "in \(Format.seconds(clock.now - phase)) on all cores; RSS \(Format.megabytes(PeakMemory.residentBytes))")
        let bulkOneCore = await measurePath(options) { [YearResultPaths.bulk(bulk, learners: everyone)] }
        table.add("bulk computeYearOutcomes", cores: 1, bulkOneCore)
        let bulkAllCores = await measurePath(options) {
            await ParallelChunks.map(ranges) { YearResultPaths.bulk(bulk, learners: $0) }
        }
        table.add("bulk computeYearOutcomes", cores: cores, bulkAllCores)
        Verification.requireNoErrors(bulkOneCore.result, path: "bulk")
        Verification.requireIdentical(bulkOneCore.result, bulkAllCores.result, "bulk, one core against all cores")

        // Per-learner path: every learner's raw entries are in memory, as arrays of entries.
        phase = clock.now
        let entries = await CohortGeneration.entries(seed: options.seed, ranges: ranges)
        print("per-learner input: generated in \(Format.seconds(clock.now - phase)) on all cores; "
            + "RSS \(Format.megabytes(PeakMemory.residentBytes))")
        let perLearnerOneCore = await measurePath(options) { [YearResultPaths.perLearner(entries, learners: everyone)] }
        table.add("per-learner YearResults.compute", cores: 1, perLearnerOneCore)
        let perLearnerAllCores = await measurePath(options) {
            await ParallelChunks.map(ranges) { YearResultPaths.perLearner(entries, learners: $0) }
        }
        table.add("per-learner YearResults.compute", cores: cores, perLearnerAllCores)
        Verification.requireNoErrors(perLearnerOneCore.result, path: "per learner")
        Verification.requireIdentical(
            perLearnerOneCore.result, perLearnerAllCores.result, "per learner, one core against all cores")

        // Raw entries into the bulk layout: the step before the bulk path when scores arrive as entries.
        let encodeOneCore = await measurePath(options) { YearResultPaths.encode(entries, layout: layout, learners: everyone) }
        table.add("entries → cells (appendCells)", cores: 1, encodeOneCore)
        let encodeAllCores = await measurePath(options) {
            await ParallelChunks.map(ranges) { YearResultPaths.encode(entries, layout: layout, learners: $0) }
        }
        table.add("entries → cells (appendCells)", cores: cores, encodeAllCores)
        guard encodeOneCore.result == bulk.cells, Array(encodeAllCores.result.joined()) == bulk.cells else {
            Verification.fail("re-encoding the entries did not reproduce the generated cells")
        }

        Verification.requireIdentical(bulkOneCore.result, perLearnerOneCore.result, "bulk against per learner")
        let sampleStride = max(1, options.learners / max(1, options.sample))
        let checked = Verification.requireSameSubjectResults(
            bulk: bulk, entries: entries, sample: stride(from: 0, to: options.learners, by: sampleStride))

        print("")
        table.lines.forEach { print($0) }
        print("min, median: wall-clock time of one run over all learners; s per 1M: the median scaled to a "
            + "million learners; CPU: median CPU time of the process per run, all threads")
        print("")
        print("checks: all \(Format.count(options.learners)) outcomes identical between the paths and between "
            + "one core and all cores; subject results identical on \(Format.count(checked)) sampled learners")
        print("")
        print("outcomes:")
        OutcomeSummary(bulkOneCore.result).lines.forEach { print("  \($0)") }
        print("")
        printGoal(table)
        print("total run time \(Format.seconds(clock.now - started))")
    }

    /// Each path against the goal, at the median pace scaled to a million learners.
    private static func printGoal(_ table: ResultTable) {
        print("goal: 1M learners × 12 subjects from raw scores in under \(Int(goalSeconds)) s")
        for row in table.rows {
            let seconds = table.secondsPerMillion(row)
            let verdict = seconds < goalSeconds
                ? String(format: "met, %.0f× under", goalSeconds / seconds)
                : String(format: "missed, %.1f× over", seconds / goalSeconds)
            print("  \(Format.padded(row.path, 34)) \(row.cores) core(s): "
                + String(format: "%.2f s per 1M", seconds) + " — \(verdict)")
        }
        // Scores that arrive as entries go through both steps.
        for cores in Set(table.rows.map(\.cores)).sorted() {
            let steps = table.rows.filter { $0.cores == cores && ($0.path.hasPrefix("bulk") || $0.path.hasPrefix("entries")) }
            guard steps.count == 2 else { continue }
            let seconds = steps.map(table.secondsPerMillion).reduce(0, +)
            print("  " + Format.padded("entries → cells → outcomes", 34) + " \(cores) core(s): "
                + String(format: "%.2f s per 1M", seconds))
        }
    }
}
