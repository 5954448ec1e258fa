import Foundation
import SplitMix

/// Weighted Vietnamese name parts (Resources/names.csv) for realistic synthetic people.
public struct NameBank: Sendable {
    public struct Weighted: Sendable {
        public let values: [String]
        public let cumulative: [Double]

        public init(_ pairs: [(String, Double)]) {
            values = pairs.map(\.0)
            var total = 0.0
            cumulative = pairs.map { total += $0.1; return total }
        }

        /// The value whose weight interval holds `unit` (0 ≤ unit < 1) of the total.
        public func pick(_ unit: Double) -> String {
            let target = unit * (cumulative.last ?? 1)
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] < target { low = mid + 1 } else { high = mid }
            }
            return values[low]
        }
    }

    public let family: Weighted
    /// Keyed by sex: `male`, `female`.
    public let middle: [String: Weighted]
    /// Middle names of people born from 2000 on, keyed by sex: Văn and Thị, weighted in
    /// names.csv for a mixed-generation population, are far rarer among them (SOURCES.md), so
    /// their weights are divided by `modernDivisor`.
    public let modernMiddle: [String: Weighted]
    public let given: [String: Weighted]

    /// Naming traditions of ethnic minorities (names-minority.csv), by ethnicity (`H'Mông`).
    public let traditions: [String: Tradition]

    /// How one group names people: its own family, middle and given names where it has them
    /// (the Kinh ones otherwise), and for the Ê Đê, Gia Rai and M'Nông a prefix by sex (Y, H')
    /// before the given name, the family name last: `Y Ngông Niê`, `H'Hen Ksor`.
    public struct Tradition: Sendable {
        public let family: Weighted?
        public let middle: [String: Weighted]
        public let given: [String: Weighted]
        public let prefix: [String: String]
    }

    static let oldFashionedMiddleNames: Set<String> = ["Văn", "Thị"]
    static let modernDivisor = 5.0

    public static func load() throws -> NameBank {
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
        let modern = middle.mapValues { pairs in
            pairs.map { oldFashionedMiddleNames.contains($0.0) ? ($0.0, $0.1 / modernDivisor) : $0 }
        }
        return NameBank(family: Weighted(family), middle: middle.mapValues(Weighted.init), modernMiddle: modern.mapValues(Weighted.init),
                        given: given.mapValues(Weighted.init), traditions: try loadTraditions())
    }

    private static func loadTraditions() throws -> [String: Tradition] {
        var parts: [String: [String: [String: [(String, Double)]]]] = [:]  // group → part → sex → values
        var groupOf: [String: String] = [:]
        for row in try AdminUnits.csv("names-minority") where row.count >= 5 {
            if row[1] == "ethnicity" { groupOf[row[2]] = row[0]; continue }
            parts[row[0], default: [:]][row[1], default: [:]][row[3], default: []].append((row[2], Double(row[4]) ?? 1))
        }
        let traditions = parts.mapValues { part in
            Tradition(family: part["family"]?[""].map(Weighted.init), middle: (part["middle"] ?? [:]).mapValues(Weighted.init),
                      given: (part["given"] ?? [:]).mapValues(Weighted.init),
                      prefix: (part["prefix"] ?? [:]).compactMapValues { $0.first?.0 })
        }
        return groupOf.compactMapValues { traditions[$0] }
    }

    /// A full name for someone of `sex` (`male`, `female`) and `ethnicity`, born from 2000 on or
    /// not, with its family name; `familyName` imposes one (a father shares his child's).
    public func name(sex: String, ethnicity: String, bornFrom2000: Bool, familyName: String? = nil,
                     random: inout SplitMix64) -> (family: String, fullName: String) {
        let tradition = traditions[ethnicity]
        let family = familyName ?? (tradition?.family ?? self.family).pick(random.unit())
        let given = (tradition?.given[sex] ?? self.given[sex]!).pick(random.unit())
        if let prefix = tradition?.prefix[sex] {
            return (family, (prefix.hasSuffix("'") ? prefix + given : prefix + " " + given) + " " + family)
        }
        let middle = (tradition?.middle[sex] ?? (bornFrom2000 ? modernMiddle[sex]! : self.middle[sex]!)).pick(random.unit())
        return (family, family + " " + middle + " " + given)
    }
}

extension AdminUnits {
    /// The administrative units shipped with the module (Resources/SOURCES.md), read without a
    /// database: the 34 provinces and 3,321 communes in force from 1 July 2025, and the 63 old
    /// provinces (citizen-ID prefixes) with the new province each merged into. Synthetic-data
    /// generators place schools and births with them, as the demo does through the database.
    public static func referenceUnits() throws -> [AdminUnit] { try seedRows() }
}
