import Platform
import Clearing

/// What `nemis admissions clear` reads and writes.
public struct ClearingRequest: Sendable {
    /// `programs.csv`: `program_id,quota[,tie_mode]`.
    public var programsPath: String
    /// `wishes.csv`: `candidate_id,rank,program_id,score[,tiebreak]`.
    public var wishesPath: String
    /// `assignment.csv` to write: `candidate_id,program_id`, admitted candidates only.
    public var assignmentPath: String
    /// Optional `cutoffs.csv` to write:
    /// `program_id,quota,admitted,cutoff_score,cutoff_tiebreak,cutoff_rank`.
    public var cutoffsPath: String?
    /// Optional explanations to write: one row per wish above each candidate's admission.
    public var explanationsPath: String?
    /// Optional seats confirmed in earlier rounds (`candidate_id,program_id`); quotas in the
    /// programs file then count those seats.
    public var confirmedPath: String?
    /// Optional institution cutoffs (`program_id,cutoff_score[,cutoff_tiebreak]`): filter with
    /// given cutoffs instead of deferred acceptance (not combinable with `confirmedPath`).
    public var givenCutoffsPath: String?
    /// Run the independent check of quotas and blocking pairs on the result.
    public var verify: Bool
    /// How many input problems to report before giving up on listing them.
    public var maximumIssues: Int

    public init(programsPath: String, wishesPath: String, assignmentPath: String, cutoffsPath: String? = nil,
                explanationsPath: String? = nil, confirmedPath: String? = nil, givenCutoffsPath: String? = nil,
                verify: Bool = false, maximumIssues: Int = 20) {
        self.programsPath = programsPath
        self.wishesPath = wishesPath
        self.assignmentPath = assignmentPath
        self.cutoffsPath = cutoffsPath
        self.explanationsPath = explanationsPath
        self.confirmedPath = confirmedPath
        self.givenCutoffsPath = givenCutoffsPath
        self.verify = verify
        self.maximumIssues = maximumIssues
    }
}

/// The national clearing from CSV files to CSV files (issue 5, part 6).
public enum ClearingFiles {
    /// Reads the inputs, checks them, clears, and writes the outputs.
    ///
    /// - Throws: `ClearingInputError` with the first `maximumIssues` problems (file, line,
    ///   column and value each) when an input breaks the contract; nothing is written then.
    ///   `ClearingIOError` when a file cannot be read or written.
    public static func run(_ request: ClearingRequest) throws -> ClearingSummary {
        var phases: [ClearingSummary.Phase] = []
        let clock = ContinuousClock()
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let start = clock.now, cpuStart = SystemCalls.processCPUTime()
            let value = try body()
            phases.append(ClearingSummary.Phase(name: name, duration: clock.now - start,
                                                cpuTime: SystemCalls.processCPUTime() - cpuStart))
            return value
        }
        let issues = IssueLog(limit: request.maximumIssues)
        if let path = request.confirmedPath, request.givenCutoffsPath != nil {
            issues.add(ClearingFileIssue(file: path, line: 0,
                                         message: "confirmed seats belong to a deferred-acceptance round; they cannot be combined with given cutoffs"))
            try issues.throwIfAny()
        }

        let programs = try timed("read programs") { try ProgramTable.read(path: request.programsPath, issues: issues) }
        try issues.throwIfAny()
        let rows = try timed("read wishes") { try WishRows.read(path: request.wishesPath, programs: programs, issues: issues) }
        let grouped = timed("group wishes") { GroupedWishes(rows, programs: programs, file: request.wishesPath, issues: issues) }
        try issues.throwIfAny()
        let candidateIDs = grouped.candidateIDs

        let instance = try timed("pack keys") {
            try ClearingInstance(programs: programs.seats, wishStart: grouped.wishStart, wishProgram: grouped.wishProgram,
                                 wishScore: grouped.wishScore, wishTiebreak: grouped.wishTiebreak, wishRank: grouped.wishRank,
                                 lotteryPosition: grouped.positionInIDOrder)
        }

        var confirmed: [ConfirmedSeat] = []
        if let path = request.confirmedPath {
            confirmed = try timed("read confirmed seats") {
                try ConfirmedSeatsFile.read(path: path, instance: instance, programs: programs, candidateIDs: candidateIDs,
                                            candidatesInIDOrder: grouped.candidatesInIDOrder, issues: issues)
            }
        }
        var givenCutoffs: [GivenCutoff?]?
        if let path = request.givenCutoffsPath {
            givenCutoffs = try timed("read given cutoffs") { try GivenCutoffsFile.read(path: path, programs: programs, issues: issues) }
        }
        try issues.throwIfAny()

        let method: String
        let result: ClearingResult
        if let givenCutoffs {
            method = "filter with given cutoffs"
            result = try timed(method) { try CutoffFilter.assign(instance, cutoffs: givenCutoffs) }
        } else if !confirmed.isEmpty {
            method = "deferred acceptance"
            result = try timed(method) { try ClearingRounds.clear(instance, keeping: confirmed) }
        } else {
            method = "deferred acceptance"
            result = timed(method) { DeferredAcceptance.clear(instance) }
        }

        var violations: Int?
        if request.verify {
            violations = timed("independent check") { ClearingVerifier.violations(of: result).count }
        }

        try timed("write outputs") {
            let outputs = ClearingOutputs(result: result, programs: programs, candidateIDs: candidateIDs,
                                          candidatesInIDOrder: grouped.candidatesInIDOrder)
            var writers: [CSVWriter] = []
            let assignment = try CSVWriter(path: request.assignmentPath)
            try outputs.writeAssignment(to: assignment)
            writers.append(assignment)
            if let path = request.cutoffsPath {
                let cutoffs = try CSVWriter(path: path)
                try outputs.writeCutoffs(to: cutoffs)
                writers.append(cutoffs)
            }
            if let path = request.explanationsPath {
                let explanations = try CSVWriter(path: path)
                try outputs.writeExplanations(to: explanations)
                writers.append(explanations)
            }
            // Every output is complete before any is renamed into place.
            for writer in writers { try writer.commit() }
        }

        let outcomes = result.programs
        return ClearingSummary(
            candidates: instance.candidateCount, wishes: instance.wishCount, programs: instance.programCount,
            admitted: result.admittedCount, fullPrograms: outcomes.filter(\.isFull).count,
            programsOverQuota: outcomes.filter { $0.admitted > $0.quota && $0.confirmed <= $0.quota }.count,
            confirmedSeats: confirmed.count, method: method, violations: violations, phases: phases)
    }
}
