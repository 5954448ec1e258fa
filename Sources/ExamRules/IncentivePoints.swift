/// Incentive points (điểm khuyến khích, Circular 24/2024 Art. 43; DOMAIN.md §5.2, cap unverified).
public enum IncentivePoints {
    /// The most a candidate can receive.
    public static let cap = Points(hundredths: 200)

    /// A prize that earns incentive points.
    public enum Prize: String, Sendable, Codable, CaseIterable {
        case nationalFirstToThird = "national_1_3"
        case nationalConsolation = "national_consolation"
        case provincialFirst = "provincial_1"
        case provincialSecond = "provincial_2"
        case provincialThird = "provincial_3"

        /// 2.0 for a national 1st–3rd prize or a provincial 1st, 1.5 for a national consolation
        /// or a provincial 2nd, 1.0 for a provincial 3rd.
        public var points: Points {
            switch self {
            case .nationalFirstToThird, .provincialFirst: Points(hundredths: 200)
            case .nationalConsolation, .provincialSecond: Points(hundredths: 150)
            case .provincialThird: Points(hundredths: 100)
            }
        }
    }

    /// The candidate's incentive points: the prizes' points added up, at most `cap`.
    public static func total(_ prizes: [Prize]) -> Points {
        min(prizes.reduce(Points.zero) { $0 + $1.points }, cap)
    }
}
