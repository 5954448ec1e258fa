import Foundation

/// Command line: `grading-bench [--learners N] [--repetitions N] [--warm-ups N] [--seed N]
/// [--ranges-per-core N] [--sample N]`. Numbers may be written 1_000_000 or 1,000,000.
struct BenchOptions {
    /// The goal is stated for a million learners.
    var learners = 1_000_000
    var repetitions = 5
    var warmUps = 1
    var seed: UInt64 = 2025
    /// Learner ranges per core in the all-cores runs.
    var rangesPerCore = 8
    /// Learners whose subject results are compared one by one between the paths.
    var sample = 10_000

    static let usage = """
        usage: grading-bench [--learners N] [--repetitions N] [--warm-ups N] [--seed N] \
        [--ranges-per-core N] [--sample N]
        """

    static func parse(_ arguments: some Sequence<String>) -> BenchOptions {
        var options = BenchOptions()
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            if flag == "--help" || flag == "-h" {
                print(usage)
                exit(0)
            }
            guard let text = iterator.next(),
                  let value = Int(text.filter { $0 != "_" && $0 != "," }), value >= 0
            else {
                Verification.fail("\(flag) needs a non-negative number\n\(usage)")
            }
            switch flag {
            case "--learners": options.learners = max(1, value)
            case "--repetitions": options.repetitions = max(1, value)
            case "--warm-ups": options.warmUps = value
            case "--seed": options.seed = UInt64(value)
            case "--ranges-per-core": options.rangesPerCore = max(1, value)
            case "--sample": options.sample = value
            default: Verification.fail("unknown option \(flag)\n\(usage)")
            }
        }
        return options
    }
}
