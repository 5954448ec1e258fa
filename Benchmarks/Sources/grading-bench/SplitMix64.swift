import Foundation

/// SplitMix64, the generator behind Java's `SplittableRandom`: a few arithmetic operations per number
/// and fully determined by its seed, so a gradebook is reproduced exactly on any machine, whatever the
/// number of cores that generated it.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    /// Box–Muller yields normals in pairs; the second is kept for the next call.
    private var spareNormal: Double?

    init(seed: UInt64) { state = seed }

    /// The generator for one learner. The index goes through the mixing function first, because
    /// seeding learner i with `seed + i` would start it one step along learner i−1's stream.
    init(seed: UInt64, learner index: Int) {
        var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        self.init(seed: mixer.next())
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A standard normal draw.
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let radius = (-2 * log(1 - unit())).squareRoot()
        let angle = 2 * Double.pi * unit()
        spareNormal = radius * sin(angle)
        return radius * cos(angle)
    }
}
