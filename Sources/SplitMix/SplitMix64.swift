/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014): a
/// tiny, fast generator whose whole state is one seed. Everything that must come out the same from
/// the same seed draws from it: the demo and the synthetic datasets, the stand-in population
/// service's faults and jitter, the pairs an identity model is estimated from, and the property
/// tests, so that a failure reproduces from its seed. Never for secrets or tokens.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits, every value a double can hold exactly.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
