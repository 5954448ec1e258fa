import SplitMix

/// Independent random streams derived from the dataset seed and a path of names and numbers
/// (`province 79`, `school 12`, `dirty`), so that what one school draws never depends on how
/// many schools came before it, on the part it falls in, or on how many threads ran.
public enum Seeds {
    static func stream(_ seed: UInt64, _ path: UInt64...) -> SplitMix64 {
        var state = mix(seed ^ 0x6E65_6D69_735F_6765)  // "nemis_ge"
        for component in path { state = mix(state ^ mix(component &+ 0x9E37_79B9_7F4A_7C15)) }
        return SplitMix64(seed: state)
    }

    /// A stable number for a short text (a province code, a stream's name): FNV-1a.
    public static func name(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    /// The SplitMix64 finaliser: a bijective scramble of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A whole number in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }
}
