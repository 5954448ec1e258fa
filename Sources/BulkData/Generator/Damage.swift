import Foundation
import Platform
import Registry
import SplitMix
import VietnameseText

/// The damage real school files carry (DOMAIN.md §1.5, §2), which `--dirty` injects; each
/// injected case is listed in `dirty-manifest.csv` under these names.
public enum DamageKind: String, CaseIterable, Sendable {
    /// Excel read the ID as a number: `079212004567` became `79212004567` (10 or 11 digits are
    /// left; padding with 0 repairs it).
    case citizenIDLeadingZerosLost = "citizen_id_leading_zeros_lost"
    /// Excel showed the ID in scientific notation with 6 significant digits (`7.9212E+10`) and
    /// saved that: the last digits are gone, so it cannot be repaired, only refused.
    case citizenIDScientific = "citizen_id_scientific"
    /// A phone number lost its leading 0.
    case phoneLeadingZeroLost = "phone_leading_zero_lost"
    /// A date saved as Excel's day number (`44818`).
    case dateExcelSerial = "date_excel_serial"
    /// A date re-typed by a US-locale Excel: `05/09/2012` became `09/05/2012` (only where both
    /// readings are dates, so the file alone cannot tell).
    case dateDayMonthSwapped = "date_day_month_swapped"
    /// Spaces before, after or doubled inside, or a no-break space.
    case strayWhitespace = "text_stray_whitespace"
    /// Decomposed Unicode (NFD): the same letters, other bytes.
    case textNFD = "text_nfd"
    /// Typed in a TCVN3 (.VnTime) font and read as Latin-1: `NguyÔn V¨n §øc`.
    case textTCVN3 = "text_tcvn3"
    /// Typed in a VNI font and read as Latin-1: `Nguyeãn Vaên Ñöùc`.
    case textVNI = "text_vni"
    /// The row repeats the row above it.
    case duplicateRow = "duplicate_row"

    /// What a column of this value may suffer.
    static func applicable(to value: BulkValue) -> [DamageKind] {
        switch value {
        case .citizenID: [.citizenIDLeadingZerosLost, .citizenIDScientific]
        case .phone: [.phoneLeadingZeroLost]
        case .date: [.dateExcelSerial, .dateDayMonthSwapped]
        case .personName, .text: [.strayWhitespace, .textNFD, .textTCVN3, .textVNI]
        default: []
        }
    }

    /// The damaged text, or nil when this damage cannot happen to `clean` (a date whose day is
    /// above 12 cannot be swapped; an ASCII name has nothing to decompose).
    func apply(to clean: String, variant: UInt64) -> String? {
        switch self {
        case .citizenIDLeadingZerosLost, .phoneLeadingZeroLost:
            let stripped = clean.drop { $0 == "0" }
            return stripped.count < clean.count && !stripped.isEmpty ? String(stripped) : nil
        case .citizenIDScientific:
            return Self.scientific(clean)
        case .dateExcelSerial:
            return BulkDate.parse(clean).map { String(BulkDate.excelSerial($0)) }
        case .dateDayMonthSwapped:
            guard let date = BulkDate.parse(clean), date.day <= 12, date.day != date.month else { return nil }
            return BulkDate.format(year: date.year, month: date.day, day: date.month)
        case .strayWhitespace:
            switch variant % 3 {
            case 0: return " " + clean + "  "
            case 1:
                guard let space = clean.firstIndex(of: " ") else { return clean + " " }
                return clean[..<space] + "  " + clean[clean.index(after: space)...]
            default: return clean + "\u{00A0}"
            }
        case .textNFD:
            let nfd = clean.decomposedStringWithCanonicalMapping
            return Array(nfd.utf8) == Array(clean.utf8) ? nil : nfd
        case .textTCVN3:
            return legacy(clean, .tcvn3)
        case .textVNI:
            return legacy(clean, .vni)
        case .duplicateRow:
            return nil
        }
    }

    /// The legacy form, when the text has Vietnamese letters the encoding can hold.
    private func legacy(_ clean: String, _ encoding: LegacyEncoding) -> String? {
        guard !clean.utf8.allSatisfy({ $0 < 0x80 }), let encoded = LegacyVietnamese.encode(clean, to: encoding),
              encoded != clean else { return nil }
        return encoded
    }

    /// `079212004567` → `7.9212E+10`: Excel's General format for a 12-digit number in a narrow
    /// column, 6 significant digits.
    static func scientific(_ digits: String) -> String? {
        let significant = digits.drop { $0 == "0" }
        guard significant.count >= 7, let leading = Int(significant.prefix(7)) else { return nil }
        var exponent = significant.count - 1
        var mantissa = (leading + 5) / 10  // 6 digits, rounded half up
        if mantissa >= 1_000_000 { mantissa /= 10; exponent += 1 }
        // Excel drops the fraction's trailing zeros: 7.92120E+10 shows as 7.9212E+10.
        let text = String(mantissa)
        var fraction = text.dropFirst()
        while fraction.last == "0" { fraction = fraction.dropLast() }
        return fraction.isEmpty ? "\(text.prefix(1))E+\(exponent)" : "\(text.prefix(1)).\(fraction)E+\(exponent)"
    }
}

/// One injected case, as the manifest lists it.
struct DamageRecord {
    let kind: BulkKind
    /// 0-based position among the part's rows of that kind.
    let localRow: Int
    let column: String
    let damage: DamageKind
    let clean: String
    let dirty: String
}

/// Decides, row by row, which rows to damage and how, from its own random stream: a dirty
/// dataset holds exactly the rows of the clean one with the same seed, some altered or repeated.
struct Damager {
    let rate: Double
    var random: SplitMix64
    /// Per kind: the columns that can be damaged and how.
    let targets: [BulkKind: [(column: Int, key: String, kinds: [DamageKind])]]
    /// The share of damaged rows that are duplicated rather than altered.
    static let duplicateShare = 0.1

    init(rate: Double, random: SplitMix64) {
        self.rate = rate
        self.random = random
        var targets: [BulkKind: [(column: Int, key: String, kinds: [DamageKind])]] = [:]
        for kind in BulkKind.allCases {
            targets[kind] = kind.format.columns.enumerated().compactMap { index, column in
                let kinds = DamageKind.applicable(to: column.value)
                return kinds.isEmpty ? nil : (index, column.key, kinds)
            }
        }
        self.targets = targets
    }

    enum Decision {
        case keep
        case duplicate
        case alter(column: Int, key: String, damage: DamageKind, dirty: String)
    }

    mutating func decide(_ kind: BulkKind, fields: [String]) -> Decision {
        guard random.unit() < rate else { return .keep }
        if random.chance(Self.duplicateShare) { return .duplicate }
        var options: [(column: Int, key: String, damage: DamageKind)] = []
        for target in targets[kind] ?? [] where !fields[target.column].isEmpty {
            for damage in target.kinds { options.append((target.column, target.key, damage)) }
        }
        // Try the options in a random order; the first that applies wins.
        while !options.isEmpty {
            let pick = options.remove(at: Int(random.next() % UInt64(options.count)))
            if let dirty = pick.damage.apply(to: fields[pick.column], variant: random.next()) {
                return .alter(column: pick.column, key: pick.key, damage: pick.damage, dirty: dirty)
            }
        }
        return .duplicate
    }
}
