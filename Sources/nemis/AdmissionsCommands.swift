import Admissions
import ArgumentParser
import Foundation

struct AdmissionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admissions", abstract: "University admissions.",
                                                    subcommands: [Clear.self])

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The national clearing: admit each candidate to at most one program by student-proposing deferred acceptance.",
            discussion: """
            Each program ranks its applicants by (score desc, tiebreak desc, wish rank \
            asc, candidate_id asc as a string). A strict program admits at most its \
            quota; an admit_all program also admits everyone tied on (score, tiebreak, \
            rank) with its last admitted group. Each candidate gets the highest wish \
            she can hold. Files are UTF-8 CSV with a header row: columns in any order, \
            RFC 4180 quoting, an optional byte order mark.

            programs.csv    program_id,quota[,tie_mode]
                quota: a whole number >= 0
                tie_mode: strict (the default when absent or empty) or admit_all
            wishes.csv      candidate_id,rank,program_id,score[,tiebreak]
                rank: 1 (first wish) to 255, distinct for each candidate
                score, tiebreak: decimals >= 0 with at most 4 places; tiebreak is
                higher-is-better and 0 when absent or empty
            assignment.csv  candidate_id,program_id
                admitted candidates only, sorted by candidate_id
            cutoffs.csv     program_id,quota,admitted,
                            cutoff_score,cutoff_tiebreak,cutoff_rank
                sorted by program_id; the cutoff is the weakest admitted wish's
                score, tiebreak and rank, empty when the program is not full

            On input errors, up to --max-errors problems are printed as \
            file:line: column N (name), value "...": reason; nothing is written and \
            the exit status is 1. A summary with the time of each phase (the \
            deferred acceptance itself apart) goes to standard output.
            """)

        @Option(name: .long, help: ArgumentHelp("Programs file: program_id,quota[,tie_mode].", valueName: "programs.csv"))
        var programs: String

        @Option(name: .long, help: ArgumentHelp("Wishes file: candidate_id,rank,program_id,score[,tiebreak].", valueName: "wishes.csv"))
        var wishes: String

        @Option(name: .long, help: ArgumentHelp("Where to write the assignment: candidate_id,program_id for each admitted candidate, sorted by candidate_id.",
                                                valueName: "assignment.csv"))
        var out: String

        @Option(name: .long, help: ArgumentHelp("""
            Where to write each program's result: program_id,quota,admitted,cutoff_score,cutoff_tiebreak,cutoff_rank \
            (cutoff fields: the weakest admitted wish, empty when the program is not full).
            """, valueName: "cutoffs.csv"))
        var cutoffs: String?

        @Option(name: .long, help: ArgumentHelp("""
            Where to write explanations: for every candidate, one row per wish ranked above her admission (all her wishes \
            when not admitted): candidate_id,rank,program_id,score,tiebreak,cutoff_score,cutoff_tiebreak,cutoff_rank,reason.
            """, valueName: "explanations.csv"))
        var explain: String?

        @Option(name: .long, help: ArgumentHelp("""
            A later round: seats confirmed in earlier rounds, candidate_id,program_id. Those candidates keep their seats; \
            the quotas in the programs file count them, and everyone else is cleared on the remaining seats.
            """, valueName: "confirmed.csv"))
        var confirmed: String?

        @Option(name: .long, help: ArgumentHelp("""
            Filter with cutoffs set by the institutions instead of deferred acceptance: program_id,cutoff_score[,cutoff_tiebreak] \
            (a cutoffs.csv from an earlier run will do). Each candidate is admitted to her highest wish whose score and \
            tiebreak reach the program's cutoff; an empty cutoff admits everyone; a program not in the file is closed. \
            Quotas are then not applied.
            """, valueName: "cutoffs.csv"))
        var givenCutoffs: String?

        @Flag(name: .long, help: "Check the result independently: quotas (with the admit_all rule) and no blocking pair; exit status 2 if either fails.")
        var verify = false

        @Option(name: .long, help: "How many input problems to print at most.")
        var maxErrors = 20

        func run() async throws {
            let request = ClearingRequest(programsPath: programs, wishesPath: wishes, assignmentPath: out, cutoffsPath: cutoffs,
                                          explanationsPath: explain, confirmedPath: confirmed, givenCutoffsPath: givenCutoffs,
                                          verify: verify, maximumIssues: maxErrors)
            do {
                let summary = try ClearingFiles.run(request)
                print(summary)
                if let violations = summary.violations, violations > 0 { throw ExitCode(2) }
            } catch let error as ClearingInputError {
                FileHandle.standardError.write(Data((error.description + "\nnothing was written\n").utf8))
                throw ExitCode(1)
            } catch let error as ClearingIOError {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(1)
            }
        }
    }
}
