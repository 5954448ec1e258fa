import Clearing

/// The programmes the clearing kernel matches: one per admission programme, or one per method of
/// a programme whose seats are split between its methods (DOMAIN.md §7.1: separate quotas make
/// each programme and method its own matching programme).
struct ClearingSeats {
    /// Seats and tie rule of each kernel programme.
    private(set) var seats: [ProgramSeats] = []
    /// The admission programme (index in the season's list) of each kernel programme.
    private(set) var programOfUnit: [Int] = []
    /// The method (index in the programme's methods) of each kernel programme of a split programme.
    private(set) var methodOfUnit: [Int?] = []
    /// The first kernel programme of each admission programme.
    private var firstUnit: [Int] = []

    init(_ programs: [AdmissionProgram]) {
        for (index, program) in programs.enumerated() {
            firstUnit.append(seats.count)
            let tieMode: TieMode = program.tieMode == "admit_all" ? .admitAll : .strict
            if program.isSplit {
                for (method, admission) in program.admissionMethods.enumerated() {
                    seats.append(ProgramSeats(quota: admission.quota ?? 0, tieMode: tieMode))
                    programOfUnit.append(index)
                    methodOfUnit.append(method)
                }
            } else {
                seats.append(ProgramSeats(quota: program.quota, tieMode: tieMode))
                programOfUnit.append(index)
                methodOfUnit.append(nil)
            }
        }
    }

    /// The kernel programme of `program`, under `method` when the programme is split.
    func unit(program: Int, method: Int?) -> Int {
        firstUnit[program] + (methodOfUnit[firstUnit[program]] == nil ? 0 : method ?? 0)
    }

    /// The kernel programmes of an admission programme.
    func units(of program: Int) -> Range<Int> {
        firstUnit[program] ..< (program + 1 < firstUnit.count ? firstUnit[program + 1] : seats.count)
    }

    /// Takes a confirmed candidate's seat out of the quota they hold it under.
    mutating func keepSeat(program: Int, method: Int?) {
        let unit = unit(program: program, method: method)
        seats[unit].quota = max(0, seats[unit].quota - 1)
    }
}
