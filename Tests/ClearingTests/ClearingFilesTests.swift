import Admissions
import Foundation
import SplitMix
import Testing

/// `nemis admissions clear` through its library entry point, on files.
@Suite("Clearing files")
struct ClearingFilesTests {
    /// A fresh directory with the given files.
    final class Folder {
        let url: URL

        init(_ files: [String: String]) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-clearing-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func read(_ name: String) throws -> String { try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8) }
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

        func request(programs: String = "programs.csv", wishes: String = "wishes.csv") -> ClearingRequest {
            ClearingRequest(programsPath: path(programs), wishesPath: path(wishes), assignmentPath: path("assignment.csv"),
                            cutoffsPath: path("cutoffs.csv"), explanationsPath: path("explanations.csv"), verify: true)
        }
    }

    /// Worked by hand. QHI (2 seats, strict): 9 (27.5) and 3 (26, tiebreak 8) take the seats
    /// ahead of 10 and 2 (26, tiebreak 0). BKA (1 seat, admit_all): 10 and 2 tie at (24.5, 0,
    /// NV3), so both are admitted, one over the quota. TLA (1 seat, strict): 11 and 4 tie on
    /// everything; "11" sorts before "4" as a string, so 11 is admitted. EMPTY01 has no seats.
    static let programs = """
        program_id,quota,tie_mode
        QHI7480201,2,strict
        BKA7520201,1,admit_all
        TLA7340101,1,
        EMPTY01,0,strict

        """
    static let wishes = """
        candidate_id,rank,program_id,score,tiebreak
        9,1,QHI7480201,27.5,
        10,1,QHI7480201,26,0
        10,3,BKA7520201,24.5,
        2,2,QHI7480201,26,
        2,3,BKA7520201,24.5,
        2,1,EMPTY01,29.25,
        3,1,QHI7480201,26.0000,8
        4,3,TLA7340101,15.75,
        4,1,QHI7480201,12,
        11,3,TLA7340101,15.75,

        """

    @Test("a small instance round trip gives the hand-computed assignment and cutoffs")
    func roundTrip() throws {
        let folder = try Folder(["programs.csv": Self.programs, "wishes.csv": Self.wishes])
        let summary = try ClearingFiles.run(folder.request())
        #expect(try folder.read("assignment.csv") == """
            candidate_id,program_id
            10,BKA7520201
            11,TLA7340101
            2,BKA7520201
            3,QHI7480201
            9,QHI7480201

            """)
        #expect(try folder.read("cutoffs.csv") == """
            program_id,quota,admitted,cutoff_score,cutoff_tiebreak,cutoff_rank
            BKA7520201,1,2,24.5,0,3
            EMPTY01,0,0,,,
            QHI7480201,2,2,26,8,1
            TLA7340101,1,1,15.75,0,3

            """)
        #expect(try folder.read("explanations.csv") == """
            candidate_id,rank,program_id,score,tiebreak,cutoff_score,cutoff_tiebreak,cutoff_rank,reason
            10,1,QHI7480201,26,0,26,8,1,lower_tiebreak
            2,1,EMPTY01,29.25,0,,,,no_seats
            2,2,QHI7480201,26,0,26,8,1,lower_tiebreak
            4,1,QHI7480201,12,0,26,8,1,lower_score
            4,3,TLA7340101,15.75,0,15.75,0,3,later_in_tie_order

            """)
        #expect(summary.candidates == 6 && summary.wishes == 10 && summary.programs == 4 && summary.admitted == 5)
        #expect(summary.programsOverQuota == 1)
        #expect(summary.violations == 0)
        #expect(summary.duration(of: "deferred acceptance") != nil)
    }

    @Test("the output does not depend on the order of the rows; BOM, CRLF and quotes are read")
    func rowOrderAndFormatting() throws {
        let reference = try Folder(["programs.csv": Self.programs, "wishes.csv": Self.wishes])
        _ = try ClearingFiles.run(reference.request())
        var rng = SplitMix64(seed: 0xC5F)
        for _ in 0 ..< 20 {
            let programLines = Self.programs.split(separator: "\n").map(String.init)
            let wishLines = Self.wishes.split(separator: "\n").map(String.init)
            // Columns in another order, rows shuffled, CRLF, a BOM, quoted fields.
            let wishes = "\u{FEFF}program_id,score,candidate_id,\"tiebreak\",rank\r\n" + wishLines.dropFirst().shuffled(using: &rng).map { line in
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return "\"\(f[2])\",\(f[3]),\"\(f[0])\",\(f[4]),\(f[1])"
            }.joined(separator: "\r\n") + "\r\n"
            let programs = programLines[0] + "\n" + programLines.dropFirst().shuffled(using: &rng).joined(separator: "\n")
            let folder = try Folder(["programs.csv": programs, "wishes.csv": wishes])
            _ = try ClearingFiles.run(folder.request())
            for name in ["assignment.csv", "cutoffs.csv", "explanations.csv"] {
                #expect(try folder.read(name) == reference.read(name), "\(name)")
            }
        }
    }

    @Test("long IDs sharing their first 8 bytes, with each candidate's rows apart, sort and merge correctly")
    func longIDsApart() throws {
        let reference = try Folder(["programs.csv": Self.programs, "wishes.csv": Self.wishes])
        _ = try ClearingFiles.run(reference.request())
        let prefix = "0012345678"
        var rng = SplitMix64(seed: 0x1D5)
        let rows = Self.wishes.split(separator: "\n").dropFirst().map { prefix + $0 }.shuffled(using: &rng)
        let folder = try Folder(["programs.csv": Self.programs,
                                 "wishes.csv": "candidate_id,rank,program_id,score,tiebreak\n" + rows.joined(separator: "\n") + "\n"])
        let summary = try ClearingFiles.run(folder.request())
        #expect(summary.candidates == 6)
        let expected = try reference.read("assignment.csv").split(separator: "\n").enumerated()
            .map { $0.offset == 0 ? String($0.element) : prefix + $0.element }.joined(separator: "\n") + "\n"
        #expect(try folder.read("assignment.csv") == expected)
        #expect(try folder.read("cutoffs.csv") == reference.read("cutoffs.csv"))
    }

    @Test("IDs that need quotes are written quoted, as Python's csv module does")
    func quotedOutput() throws {
        let folder = try Folder([
            "programs.csv": "program_id,quota\n\"Y, Dược \"\"A\"\"\",1\n",
            "wishes.csv": "candidate_id,rank,program_id,score\n\"c,1\",1,\"Y, Dược \"\"A\"\"\",20\n",
        ])
        _ = try ClearingFiles.run(folder.request())
        #expect(try folder.read("assignment.csv") == "candidate_id,program_id\n\"c,1\",\"Y, Dược \"\"A\"\"\"\n")
    }

    /// Runs on bad input and returns the issues; checks nothing was written.
    static func issues(programs: String = "program_id,quota,tie_mode\nP1,1,strict\nP2,2,admit_all\n", wishes: String) throws -> [ClearingFileIssue] {
        let folder = try Folder(["programs.csv": programs, "wishes.csv": wishes])
        do {
            _ = try ClearingFiles.run(folder.request())
            Issue.record("no error for bad input")
            return []
        } catch let error as ClearingInputError {
            #expect(!folder.exists("assignment.csv") && !folder.exists("cutoffs.csv") && !folder.exists("explanations.csv"))
            #expect(error.totalCount == error.issues.count)
            return error.issues
        }
    }

    static let header = "candidate_id,rank,program_id,score,tiebreak\n"

    @Test("bad values are reported with file, line, column and value", arguments: [
        ("c1,1,P1,25.12345,\n", 2, 4, "score", "25.12345", "more than 4 decimal places"),
        ("c1,1,P1,-3,\n", 2, 4, "score", "-3", "negative"),
        ("c1,1,P1,abc,\n", 2, 4, "score", "abc", "not a decimal"),
        ("c1,1,P1,25,7,5\n", 2, nil, nil, nil, "6 fields where the header has 5"),
        ("c1,1,P9,25,\n", 2, 3, "program_id", "P9", "no such program_id"),
        ("c1,0,P1,25,\n", 2, 2, "rank", "0", "from 1 (first wish) to 255"),
        ("c1,256,P1,25,\n", 2, 2, "rank", "256", "8 bits"),
        ("c1,x,P1,25,\n", 2, 2, "rank", "x", "whole number"),
        ("c1,1,P1,25,1e3\n", 2, 5, "tiebreak", "1e3", "not a decimal"),
        ("c1,1,P1,25,99.99999\n", 2, 5, "tiebreak", "99.99999", "more than 4 decimal places"),
        (",1,P1,25,\n", 2, 1, "candidate_id", "", "candidate_id is empty"),
        ("c1,1,P1,25,\nc1,1,P2,25,\n", 3, 2, "rank", "1", "already has a wish with rank 1 (candidate c1, line 2)"),
        ("c1,1,P1,25,\nc2,1,P2,1,\nc1,2,P1,25,\n", 4, 3, "program_id", "P1", "already lists this program_id (candidate c1, line 2)"),
        ("c1,1,P1,2\"5,\n", 2, 4, nil, nil, "a quote inside an unquoted field"),
        ("c1,1,P1,\"25\"x,\n", 2, 4, nil, nil, "text after the closing quote"),
        ("c1,1,P1,\"25,\n", 2, 4, nil, nil, "never closed"),
    ] as [(String, Int, Int?, String?, String?, String)])
    func badWishes(rows: String, line: Int, column: Int?, columnName: String?, value: String?, message: String) throws {
        let found = try Self.issues(wishes: Self.header + rows)
        #expect(found.count == 1)
        let issue = try #require(found.first)
        #expect(issue.file.hasSuffix("wishes.csv"))
        #expect(issue.line == line)
        #expect(issue.column == column)
        #expect(issue.columnName == columnName)
        #expect(issue.value == value)
        #expect(issue.message.contains(message), "\(issue)")
    }

    @Test("bad programs are reported with line, column and value", arguments: [
        ("P1,-1,strict\n", 2, 2, "-1", "whole number of seats"),
        ("P1,ten,strict\n", 2, 2, "ten", "whole number of seats"),
        ("P1,1.5,strict\n", 2, 2, "1.5", "whole number of seats"),
        ("P1,1,lottery\n", 2, 3, "lottery", "strict or admit_all"),
        ("P1,1,strict\nP1,2,strict\n", 3, 1, "P1", "already on line 2"),
        (",1,strict\n", 2, 1, "", "program_id is empty"),
    ] as [(String, Int, Int, String, String)])
    func badPrograms(rows: String, line: Int, column: Int, value: String, message: String) throws {
        let found = try Self.issues(programs: "program_id,quota,tie_mode\n" + rows, wishes: Self.header)
        let issue = try #require(found.first)
        #expect(found.count == 1)
        #expect(issue.line == line && issue.column == column && issue.value == value)
        #expect(issue.message.contains(message), "\(issue)")
        #expect(issue.description.contains("programs.csv:\(line): column \(column)"))
    }

    @Test("missing columns and empty files are reported; errors are capped but counted")
    func fileLevelProblems() throws {
        let missing = try Self.issues(wishes: "candidate_id,rank,score\nc1,1,25\n")
        #expect(missing.first?.message.contains("no \"program_id\" column") == true)
        let empty = try Self.issues(wishes: "")
        #expect(empty.first?.message.contains("the file is empty") == true)

        let folder = try Folder(["programs.csv": "program_id,quota\nP1,1\n",
                                 "wishes.csv": Self.header + (1 ... 50).map { "c\($0),1,NOPE,25,\n" }.joined()])
        var request = folder.request()
        request.maximumIssues = 5
        let error = #expect(throws: ClearingInputError.self) { try ClearingFiles.run(request) }
        #expect(error?.issues.count == 5 && error?.totalCount == 50)
        #expect(error?.description.contains("and 45 more problems") == true)
    }

    @Test("a wishes file with only its header clears nobody; confirmed seats and given cutoffs do not mix")
    func edgeRequests() throws {
        let folder = try Folder(["programs.csv": Self.programs, "wishes.csv": Self.header, "none.csv": "candidate_id,program_id\n"])
        let summary = try ClearingFiles.run(folder.request())
        #expect(summary.candidates == 0 && summary.admitted == 0)
        #expect(try folder.read("assignment.csv") == "candidate_id,program_id\n")

        var request = folder.request()
        request.confirmedPath = folder.path("none.csv")
        request.givenCutoffsPath = folder.path("none.csv")
        #expect(throws: ClearingInputError.self) { try ClearingFiles.run(request) }
    }

    @Test("a missing input file is an I/O error")
    func missingFile() throws {
        let folder = try Folder([:])
        #expect(throws: ClearingIOError.self) { try ClearingFiles.run(folder.request()) }
    }

    @Test("a later round from files keeps confirmed seats; given cutoffs filter without quotas")
    func roundsAndGivenCutoffs() throws {
        let folder = try Folder(["programs.csv": Self.programs, "wishes.csv": Self.wishes,
                                 "confirmed.csv": "candidate_id,program_id\n2,BKA7520201\n",
                                 "given.csv": "program_id,cutoff_score,cutoff_tiebreak\nQHI7480201,26,0\nBKA7520201,,\n"])
        var request = folder.request()
        request.confirmedPath = folder.path("confirmed.csv")
        let summary = try ClearingFiles.run(request)
        #expect(summary.confirmedSeats == 1)
        // BKA has 1 seat, kept by candidate 2; candidate 10 (tied with 2) is not admitted.
        #expect(try folder.read("assignment.csv") == "candidate_id,program_id\n11,TLA7340101\n2,BKA7520201\n3,QHI7480201\n9,QHI7480201\n")

        request.confirmedPath = nil
        request.givenCutoffsPath = folder.path("given.csv")
        request.verify = false
        _ = try ClearingFiles.run(request)
        #expect(try folder.read("assignment.csv") == "candidate_id,program_id\n10,QHI7480201\n2,QHI7480201\n3,QHI7480201\n9,QHI7480201\n")

        let bad = try Folder(["programs.csv": Self.programs, "wishes.csv": Self.wishes,
                              "confirmed.csv": "candidate_id,program_id\n9,TLA7340101\n77,QHI7480201\n"])
        var badRequest = bad.request()
        badRequest.confirmedPath = bad.path("confirmed.csv")
        let error = #expect(throws: ClearingInputError.self) { try ClearingFiles.run(badRequest) }
        #expect(error?.issues.map(\.line) == [2, 3])
        #expect(error?.issues.first?.message.contains("no wish for this program") == true)
        #expect(error?.issues.last?.message.contains("no such candidate_id") == true)
    }
}
