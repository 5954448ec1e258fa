import Platform
import Clearing

/// Writes the clearing outputs in DOMAIN.md §7.2's formats.
struct ClearingOutputs {
    let result: ClearingResult
    let programs: ProgramTable
    /// IDs of the candidates, numbered as the instance numbers them.
    let candidateIDs: ByteStringList
    /// Candidates in string order of their IDs.
    let candidatesInIDOrder: [UInt32]

    /// The header of `cutoffs.csv`.
    static let cutoffsHeader = ["program_id", "quota", "admitted", "cutoff_score", "cutoff_tiebreak", "cutoff_rank"]
    /// The header of the explanations file.
    static let explanationsHeader = ["candidate_id", "rank", "program_id", "score", "tiebreak",
                                     "cutoff_score", "cutoff_tiebreak", "cutoff_rank", "reason"]

    /// `candidate_id,program_id` for admitted candidates, sorted by candidate_id.
    func writeAssignment(to writer: CSVWriter) throws(ClearingIOError) {
        try writer.writeRow(["candidate_id", "program_id"])
        let admitted = result.admittedPrograms()
        for candidate in candidatesInIDOrder.lazy.map(Int.init) {
            let program = admitted[candidate]
            guard program != .max else { continue }
            try writer.writeField(candidateIDs.bytes(at: candidate))
            try writer.writeByte(UInt8(ascii: ","))
            try writer.writeField(programs.ids.bytes(at: Int(program)))
            try writer.writeByte(UInt8(ascii: "\n"))
        }
    }

    /// One row per programme sorted by program_id; the cutoff fields are empty when the
    /// programme is not full or admitted nobody.
    func writeCutoffs(to writer: CSVWriter) throws(ClearingIOError) {
        try writer.writeRow(Self.cutoffsHeader)
        for program in programs.ids.sortedIndices().map(Int.init) {
            let outcome = result.programs[program]
            let cutoff = result.cutoff(ofProgram: program)
            try writer.writeField(programs.ids.bytes(at: program))
            try writer.writeByte(UInt8(ascii: ","))
            try writer.writeNumber(outcome.quota)
            try writer.writeByte(UInt8(ascii: ","))
            try writer.writeNumber(outcome.admitted)
            try writer.writeByte(UInt8(ascii: ","))
            if let cutoff {
                try writer.writeScore(cutoff.score)
                try writer.writeByte(UInt8(ascii: ","))
                try writer.writeScore(cutoff.tiebreak)
                try writer.writeByte(UInt8(ascii: ","))
                try writer.writeNumber(cutoff.rank)
            } else {
                try writer.writeByte(UInt8(ascii: ","))
                try writer.writeByte(UInt8(ascii: ","))
            }
            try writer.writeByte(UInt8(ascii: "\n"))
        }
    }

    /// For each candidate (in ID order), one row per wish above her admission: her score there
    /// and that programme's cutoff, with the reason she was not admitted.
    func writeExplanations(to writer: CSVWriter) throws(ClearingIOError) {
        try writer.writeRow(Self.explanationsHeader)
        for candidate in candidatesInIDOrder.lazy.map(Int.init) {
            let explanation = result.explanation(for: candidate)
            for higher in explanation.higherWishes {
                try writer.writeField(candidateIDs.bytes(at: candidate))
                try writer.writeByte(UInt8(ascii: ","))
                try writer.writeNumber(higher.rank)
                try writer.writeByte(UInt8(ascii: ","))
                try writer.writeField(programs.ids.bytes(at: higher.program))
                try writer.writeByte(UInt8(ascii: ","))
                try writer.writeScore(higher.score)
                try writer.writeByte(UInt8(ascii: ","))
                try writer.writeScore(higher.tiebreak)
                try writer.writeByte(UInt8(ascii: ","))
                if let cutoff = higher.cutoff {
                    try writer.writeScore(cutoff.score)
                    try writer.writeByte(UInt8(ascii: ","))
                    try writer.writeScore(cutoff.tiebreak)
                    try writer.writeByte(UInt8(ascii: ","))
                    try writer.writeNumber(cutoff.rank)
                } else {
                    try writer.writeByte(UInt8(ascii: ","))
                    try writer.writeByte(UInt8(ascii: ","))
                }
                try writer.writeByte(UInt8(ascii: ","))
                var reason = higher.reason.rawValue
                try reason.withUTF8Throwing { bytes throws(ClearingIOError) in try writer.writeBytes(UnsafeRawBufferPointer(bytes)) }
                try writer.writeByte(UInt8(ascii: "\n"))
            }
        }
    }
}

extension CSVWriter {
    /// Writes a score as its shortest exact decimal ("25.35", "25", "2.5667").
    func writeScore(_ score: AdmissionScore) throws(ClearingIOError) {
        try writeNumber(Int(score.units / AdmissionScore.unitsPerPoint))
        var fraction = Int(score.units % AdmissionScore.unitsPerPoint)
        guard fraction > 0 else { return }
        var places = AdmissionScore.maximumDecimalPlaces
        while fraction % 10 == 0 { fraction /= 10; places -= 1 }
        try writeByte(UInt8(ascii: "."))
        var divisor = 1
        for _ in 1 ..< places { divisor *= 10 }
        while divisor > 0 {
            try writeByte(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }
}
