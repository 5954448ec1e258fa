/// A wish's admission score on the 30-point scale (DOMAIN.md §7.1): the three subjects of a
/// combination, plus priority points that taper off for totals of 22.5 and above, to two decimals.
public enum AdmissionScoring {
    /// Priority area of the school attended longest.
    public enum Area: String, Sendable, Codable, CaseIterable {
        case kv1 = "KV1", kv2NT = "KV2-NT", kv2 = "KV2", kv3 = "KV3"

        public var points: Points {
            switch self {
            case .kv1: Points(hundredths: 75)
            case .kv2NT: Points(hundredths: 50)
            case .kv2: Points(hundredths: 25)
            case .kv3: .zero
            }
        }
    }

    /// Priority group: UT1 (2.0) or UT2 (1.0); only the highest counts.
    public enum Group: String, Sendable, Codable, CaseIterable {
        case ut1 = "UT1", ut2 = "UT2"

        public var points: Points { self == .ut1 ? Points(hundredths: 200) : Points(hundredths: 100) }
    }

    public static let maximum = Points(hundredths: 3000)
    public static let taperStart = Points(hundredths: 2250)

    /// The priority level a candidate is entitled to: area (in the graduation year and the year
    /// after) plus group.
    public static func priorityLevel(area: Area?, group: Group?) -> Points {
        (area?.points ?? .zero) + (group?.points ?? .zero)
    }

    /// `total + ĐƯT`, where ĐƯT is the level below 22.5 and `(30 − total) / 7.5 × level` from
    /// 22.5, rounded half up to two decimals once, at the end (23.5 at level 1.0 → 24.37), and
    /// never above 30.
    public static func score(total: Points, priorityLevel level: Points) -> Points {
        precondition(total <= maximum)
        let score: Points
        if total < taperStart {
            score = total + level
        } else {
            // total + (3000 − total) / 750 × level, in hundredths, as one fraction over 750.
            score = Points.rounding(numerator: total.hundredths * 750 + (maximum.hundredths - total.hundredths) * level.hundredths,
                                    denominator: 750)
        }
        return min(score, maximum)
    }
}
