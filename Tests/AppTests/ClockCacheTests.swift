@testable import Platform
import SplitMix
import Testing

/// `ClockCache` bounds the import's reference cache: it must never hold more than its capacity,
/// never answer a key with another key's value, and keep what is asked for again over what is not.
@Suite("Clock cache")
struct ClockCacheTests {
    @Test
    func aKeyAskedForAgainOutlivesOnesNotAskedFor() {
        var cache = ClockCache<Int>(capacity: 3)
        cache.set(1, for: "school A")
        cache.set(2, for: "school B")
        cache.set(3, for: "school C")
        #expect(cache.value(for: "school A") == 1)
        cache.set(4, for: "school D")  // B is the first not asked for
        #expect(cache.contains("school A"))
        #expect(!cache.contains("school B"))
        #expect(cache.value(for: "school C") == 3)
        #expect(cache.value(for: "school D") == 4)
        #expect(cache.count == 3)
    }

    @Test
    func whenEveryKeyWasAskedForTheHandMakesRoomWithinOneTurn() {
        var cache = ClockCache<Int>(capacity: 3)
        for (value, key) in ["a", "b", "c"].enumerated() { cache.set(value, for: key) }
        for key in ["a", "b", "c"] { _ = cache.value(for: key) }
        cache.set(9, for: "d")
        #expect(!cache.contains("a"))
        #expect(["b", "c", "d"].allSatisfy(cache.contains))
    }

    @Test
    func settingAKeyAgainReplacesItsValueAndTakesNoRoom() {
        var cache = ClockCache<String>(capacity: 2)
        cache.set("old", for: "k")
        cache.set("new", for: "k")
        cache.set("other", for: "j")
        #expect(cache.count == 2)
        #expect(cache.value(for: "k") == "new")
    }

    /// Random keys from a pool four times the capacity, against a plain dictionary: every answer
    /// is the value last set for that key, and the cache never grows past its capacity.
    @Test(arguments: [1, 7, 64])
    func answersAreTheLastValueSetAndTheSizeStaysBounded(capacity: Int) {
        var random = SplitMix64(seed: UInt64(capacity))
        var cache = ClockCache<Int>(capacity: capacity)
        var truth: [String: Int] = [:]
        for step in 0..<5_000 {
            let key = "k\(random.next() % UInt64(capacity * 4))"
            if random.next() % 2 == 0 {
                cache.set(step, for: key)
                truth[key] = step
            } else if let answer = cache.value(for: key) {
                #expect(answer == truth[key], "key \(key) at step \(step)")
            }
            #expect(cache.count <= capacity)
        }
        #expect(cache.count == capacity)
    }
}
