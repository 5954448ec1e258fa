import Clearing
import ExamRules

/// What a clearing run reports to the board: how many candidates were cleared and admitted, and
/// each programme's seats, admissions, confirmations and cutoff.
struct ClearingAnswer: Codable, Sendable {
    struct ProgramLine: Codable, Sendable {
        let code: String
        let quota: Int
        let admitted: Int
        let confirmed: Int
        /// The programme's cutoff when it filled; a programme whose seats are split between its
        /// methods has one per method instead.
        let cutoff: Points?
        /// Each method's own seats, for a programme whose seats are split between its methods.
        let methods: [MethodLine]?
    }

    struct MethodLine: Codable, Sendable {
        let method: AdmissionMethod.Kind
        let test: CompetencyTest?
        let quota: Int
        let admitted: Int
        let confirmed: Int
        let cutoff: Points?
    }

    let candidates: Int
    let admitted: Int
    /// Candidates left out because the fee for their wishes is not paid.
    let unpaid: Int
    let programs: [ProgramLine]

    /// Each programme's line: admitted in this run, confirmed before it, and the cutoffs it met.
    static func lines(_ programs: [AdmissionProgram], seats: ClearingSeats, result: ClearingResult, cutoffs: [Points?],
                      confirmed: [ClearingController.ConfirmedSeat]) -> [ProgramLine] {
        programs.indices.map { index in
            let program = programs[index]
            let methods = program.isSplit ? program.admissionMethods.enumerated().map { position, method in
                let unit = seats.unit(program: index, method: position)
                return MethodLine(method: method.kind, test: method.test, quota: method.quota ?? 0, admitted: result.programs[unit].admitted,
                                  confirmed: confirmed.filter { $0.program == index && $0.method == position }.count, cutoff: cutoffs[unit])
            } : nil
            return ProgramLine(code: program.code, quota: program.quota, admitted: seats.units(of: index).reduce(0) { $0 + result.programs[$1].admitted },
                               confirmed: confirmed.filter { $0.program == index }.count,
                               cutoff: program.isSplit ? nil : cutoffs[seats.unit(program: index, method: nil)], methods: methods)
        }
    }
}
