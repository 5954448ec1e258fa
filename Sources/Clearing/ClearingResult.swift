/// The outcome of a clearing round: at most one admitted wish per candidate, and per programme
/// the admitted count and the weakest admitted wish (DOMAIN.md §7.2, "Outputs").
public struct ClearingResult: Sendable {
    /// The instance that was cleared.
    public let instance: ClearingInstance
    /// The quota each programme had in this round (the instance's, or a later round's).
    public let quotas: [Int]
    /// Admitted wish per candidate, `UInt32.max` for none.
    let admittedWish: [UInt32]
    /// Per programme: admitted count and weakest admitted wish.
    public let programs: [ProgramOutcome]
    /// Per candidate: she confirmed her admission in an earlier round and kept her seat.
    let confirmed: [Bool]
    /// Per candidate: she left clearing before this round.
    let withdrawn: [Bool]

    static let none = UInt32.max

    init(instance: ClearingInstance, quotas: [Int], admittedWish: [UInt32], confirmed: [Bool], withdrawn: [Bool]) {
        self.instance = instance
        self.quotas = quotas
        self.admittedWish = admittedWish
        self.confirmed = confirmed
        self.withdrawn = withdrawn
        var admitted = [Int](repeating: 0, count: instance.programCount)
        var confirmedSeats = [Int](repeating: 0, count: instance.programCount)
        var weakest = [Int?](repeating: nil, count: instance.programCount)
        for (candidate, wish) in admittedWish.enumerated() where wish != Self.none {
            let program = Int(instance.wishProgram[Int(wish)])
            admitted[program] += 1
            // A confirmed seat was won in an earlier round, against other competition: the cutoff
            // is what this round's applicants had to beat.
            if confirmed[candidate] { confirmedSeats[program] += 1; continue }
            if let current = weakest[program], instance.priorityKeys[current] <= instance.priorityKeys[Int(wish)] { continue }
            weakest[program] = Int(wish)
        }
        programs = instance.programs.indices.map { program in
            ProgramOutcome(quota: quotas[program], admitted: admitted[program], confirmed: confirmedSeats[program],
                           weakestAdmittedWish: weakest[program])
        }
    }

    /// The wish candidate `candidate` is admitted on, or nil.
    public func admittedWish(of candidate: Int) -> Int? {
        let wish = admittedWish[candidate]
        return wish == Self.none ? nil : Int(wish)
    }

    /// The programme candidate `candidate` is admitted to, or nil.
    public func admittedProgram(of candidate: Int) -> Int? {
        admittedWish(of: candidate).map { Int(instance.wishProgram[$0]) }
    }

    /// True when candidate `candidate` kept a seat confirmed in an earlier round.
    public func isConfirmed(_ candidate: Int) -> Bool { confirmed[candidate] }

    /// True when candidate `candidate` left clearing before this round.
    public func isWithdrawn(_ candidate: Int) -> Bool { withdrawn[candidate] }

    /// The programme of each candidate's admission, `UInt32.max` for none: one pass for writing
    /// a national assignment, instead of a lookup per candidate.
    public func admittedPrograms() -> [UInt32] {
        instance.wishProgram.withUnsafeBufferPointer { wishProgram in
            admittedWish.map { $0 == Self.none ? UInt32.max : wishProgram[Int($0)] }
        }
    }

    /// Number of admitted candidates.
    public var admittedCount: Int { admittedWish.lazy.filter { $0 != Self.none }.count }

    /// Programme `program`'s cutoff (*điểm trúng tuyển*): its weakest admitted wish, when the
    /// programme is full. Nil when it still has seats, or has none at all (quota 0).
    public func cutoff(ofProgram program: Int) -> Cutoff? {
        let outcome = programs[program]
        guard outcome.isFull, let wish = outcome.weakestAdmittedWish else { return nil }
        return Cutoff(instance: instance, wish: wish)
    }
}

/// A programme's admitted count and weakest admitted wish.
public struct ProgramOutcome: Hashable, Sendable {
    /// Seats in the round.
    public let quota: Int
    /// Candidates admitted, confirmed seats included (may exceed `quota` only through an
    /// `admit_all` tie group, or confirmed seats kept above a lowered quota).
    public let admitted: Int
    /// Seats kept by candidates who confirmed in an earlier round (0 in a first round).
    public let confirmed: Int
    /// The admitted wish with the smallest priority key among those admitted in this round
    /// (confirmed seats aside), nil when nobody is.
    public let weakestAdmittedWish: Int?

    /// True when no seat is left: the cutoff is then the weakest admitted wish.
    public var isFull: Bool { admitted >= quota }
    /// Seats this round's applicants competed for.
    public var openSeats: Int { max(0, quota - confirmed) }
}

/// A full programme's cutoff: the weakest admitted wish's score, tiebreak and rank.
public struct Cutoff: Hashable, Sendable {
    /// The weakest admitted wish.
    public let wish: Int
    /// Its score: the programme's *điểm trúng tuyển*.
    public let score: AdmissionScore
    /// Its tiebreak.
    public let tiebreak: AdmissionScore
    /// Its wish rank.
    public let rank: Int
    /// Its packed priority key.
    public let key: UInt64

    init(instance: ClearingInstance, wish: Int) {
        self.wish = wish
        score = instance.wishScore[wish]
        tiebreak = instance.wishTiebreak[wish]
        rank = Int(instance.wishRank[wish])
        key = instance.priorityKeys[wish]
    }
}
