import SplitMix
import Testing

/// Every synthetic dataset, the demo and every property test's seed depend on this generator's exact
/// sequence.
@Suite("SplitMix64")
struct SplitMixTests {
    /// The first outputs for seed 1234567 of the reference implementation (Vigna's splitmix64.c),
    /// as Java's SplittableRandom also gives them.
    @Test func knownAnswersForSeed1234567() {
        var random = SplitMix64(seed: 1_234_567)
        #expect((0..<5).map { _ in random.next() }
                == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                    4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
    }

    @Test func unitIsTheTop53BitsInZeroToOne() {
        var random = SplitMix64(seed: 1_234_567)
        var copy = random
        for _ in 0..<10_000 {
            let unit = random.unit()
            #expect(unit >= 0 && unit < 1)
            #expect(unit == Double(copy.next() >> 11) / 9_007_199_254_740_992)
        }
    }
}
