#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock and CPU times of repeated runs of one piece of work.
///
/// Plain `ContinuousClock` timing instead of a benchmark framework (see Package.swift): each path is
/// run once untimed, so page faults of the result arrays, lazy initialisation and cold caches are
/// paid before the clock starts, then several times timed. The minimum is what the code can do; the
/// median is what a run typically costs on a machine shared with other work. The process's CPU time
/// is kept beside it: against wall time it shows how well the all-cores runs actually used the cores.
struct Timing {
    let runs: [Duration]
    let cpuTimes: [Duration]

    var minimum: Duration { runs.min()! }
    var median: Duration { Timing.median(runs) }
    var medianCPU: Duration { Timing.median(cpuTimes) }

    private static func median(_ durations: [Duration]) -> Duration {
        let sorted = durations.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

/// Runs `work` `warmUps` times untimed, then `repetitions` times timed, and returns the times and
/// the last result. The previous result is dropped before each run, so freeing it is never timed
/// and two results are never held at once.
func measure<T>(
    warmUps: Int, repetitions: Int,
    isolation: isolated (any Actor)? = #isolation,
    _ work: () async -> T
) async -> (timing: Timing, result: T) {
    var result: T?
    for _ in 0 ..< warmUps {
        result = nil
        result = await work()
    }
    let clock = ContinuousClock()
    var runs: [Duration] = []
    var cpuTimes: [Duration] = []
    for _ in 0 ..< max(1, repetitions) {
        result = nil
        let cpuStart = processCPUTime()
        let start = clock.now
        let value = await work()
        runs.append(clock.now - start)
        cpuTimes.append(processCPUTime() - cpuStart)
        result = value
    }
    return (Timing(runs: runs, cpuTimes: cpuTimes), result!)
}

/// CPU time used so far by all the process's threads.
func processCPUTime() -> Duration {
    #if canImport(Glibc)
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
    #else
    return .zero
    #endif
}
