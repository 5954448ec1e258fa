/// What a clearing run did, with the time of each phase.
public struct ClearingSummary: Sendable, CustomStringConvertible {
    /// A timed step of the run.
    public struct Phase: Sendable {
        public let name: String
        /// Wall-clock time.
        public let duration: Duration
        /// CPU time the process used meanwhile (below `duration` when the machine is shared).
        public let cpuTime: Duration
    }

    /// Candidates in the wishes file.
    public let candidates: Int
    /// Wish rows.
    public let wishes: Int
    /// Programmes in the programs file.
    public let programs: Int
    /// Candidates admitted.
    public let admitted: Int
    /// Programmes with no seat left.
    public let fullPrograms: Int
    /// Programmes admitting more than their quota: through an `admit_all` tie at the cutoff,
    /// or, when filtering with given cutoffs, because quotas do not apply.
    public let programsOverQuota: Int
    /// Seats kept from earlier rounds.
    public let confirmedSeats: Int
    /// "deferred acceptance", or "filter with given cutoffs".
    public let method: String
    /// Violations the independent check found, nil when it was not run.
    public let violations: Int?
    /// Steps in order, each with its wall-clock time.
    public let phases: [Phase]

    /// Wall-clock time of the whole run.
    public var total: Duration { phases.reduce(.zero) { $0 + $1.duration } }
    /// CPU time of the whole run.
    public var totalCPUTime: Duration { phases.reduce(.zero) { $0 + $1.cpuTime } }

    /// The time of the phase named `name`.
    public func duration(of name: String) -> Duration? { phases.first { $0.name == name }?.duration }

    public var description: String {
        let share = candidates > 0 ? Double(admitted) / Double(candidates) * 100 : 0
        var lines = [
            "candidates \(candidates), wishes \(wishes), programs \(programs)",
            "\(method): admitted \(admitted) (\(Self.format(share, places: 1)) %), not admitted \(candidates - admitted)",
            "full programs \(fullPrograms), over quota \(programsOverQuota)"
                + (method == "deferred acceptance" ? " (by an admit_all tie at the cutoff)" : " (quotas do not apply)"),
        ]
        if confirmedSeats > 0 { lines.append("confirmed seats kept from earlier rounds \(confirmedSeats)") }
        if let violations { lines.append("independent check: \(violations == 0 ? "stable, quotas respected" : "\(violations) violations")") }
        let width = (phases.map(\.name.count).max() ?? 0) + 2
        for phase in phases + [Phase(name: "total", duration: total, cpuTime: totalCPUTime)] {
            lines.append(phase.name.padding(to: width) + Self.format(phase.duration.seconds, places: 3) + " s  (cpu "
                + Self.format(phase.cpuTime.seconds, places: 3) + " s)")
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0 ..< places { scale *= 10 }
        let rounded = Int((value * scale).rounded())
        let whole = rounded / Int(scale), fraction = rounded % Int(scale)
        let digits = String(fraction)
        return places == 0 ? String(whole) : "\(whole)." + String(repeating: "0", count: places - digits.count) + digits
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension String {
    func padding(to width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
