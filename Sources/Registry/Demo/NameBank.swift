import Foundation

/// Weighted Vietnamese name parts (Resources/names.csv) for realistic synthetic people.
struct NameBank: Sendable {
    struct Weighted: Sendable {
        let values: [String]
        let cumulative: [Double]

        init(_ pairs: [(String, Double)]) {
            values = pairs.map(\.0)
            var total = 0.0
            cumulative = pairs.map { total += $0.1; return total }
        }

        func pick(_ unit: Double) -> String {
            let target = unit * (cumulative.last ?? 1)
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] < target { low = mid + 1 } else { high = mid }
            }
            return values[low]
        }
    }

    let family: Weighted
    let middle: [String: Weighted]
    let given: [String: Weighted]

    static func load() throws -> NameBank {
        var family: [(String, Double)] = []
        var middle: [String: [(String, Double)]] = [:]
        var given: [String: [(String, Double)]] = [:]
        for row in try AdminUnits.csv("names") where row.count >= 4 {
            let weight = Double(row[3]) ?? 1
            switch row[0] {
            case "family": family.append((row[1], weight))
            case "middle": middle[row[2], default: []].append((row[1], weight))
            case "given": given[row[2], default: []].append((row[1], weight))
            default: break
            }
        }
        return NameBank(family: Weighted(family), middle: middle.mapValues(Weighted.init), given: given.mapValues(Weighted.init))
    }
}

/// SplitMix64: a tiny, fast, seedable generator, so the demo is the same on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
