import Foundation

/// BMI-for-age by the WHO references: the Child Growth Standards (2006) up to 5 years, by age in
/// days, and the Growth Reference 5–19 years (2007), by age in completed months. Sources and spot
/// checks: `Resources/SOURCES.md`.
public enum GrowthReference {
    public enum Category: String, Sendable, Codable {
        case severelyThin = "severely_thin", thin, normal, riskOfOverweight = "risk_of_overweight", overweight, obese
        case severelyWasted = "severely_wasted", wasted

        public var labelVI: String {
            switch self {
            case .severelyThin: "Gầy độ 2 (rất gầy)"
            case .thin: "Gầy"
            case .severelyWasted: "Gầy còm nặng"
            case .wasted: "Gầy còm"
            case .normal: "Bình thường"
            case .riskOfOverweight: "Nguy cơ thừa cân"
            case .overweight: "Thừa cân"
            case .obese: "Béo phì"
            }
        }
    }

    public struct Assessment: Sendable, Equatable {
        public let zScore: Double
        public let category: Category
    }

    struct LMS { let l: Double, m: Double, s: Double }

    /// The z-score and its category, or nil outside the references (under 0 or over 19 years).
    public static func bmiForAge(bmi: Double, male: Bool, ageDays: Int, ageMonths: Int) -> Assessment? {
        if ageMonths < 61 {
            guard let lms = tables.days[male ? 0 : 1][safe: ageDays] else { return nil }
            let z = zScore(bmi, lms)
            // Under five (WHO 2006): wasting below −2, overweight above +2, obesity above +3.
            let category: Category = z < -3 ? .severelyWasted : z < -2 ? .wasted : z > 3 ? .obese : z > 2 ? .overweight
                : z > 1 ? .riskOfOverweight : .normal
            return Assessment(zScore: z, category: category)
        }
        guard let lms = tables.months[male ? 0 : 1][safe: ageMonths - 61] else { return nil }
        let z = zScore(bmi, lms)
        // Five to nineteen (WHO 2007): thinness below −2, overweight above +1, obesity above +2.
        let category: Category = z < -3 ? .severelyThin : z < -2 ? .thin : z > 2 ? .obese : z > 1 ? .overweight : .normal
        return Assessment(zScore: z, category: category)
    }

    /// The LMS z-score with WHO's restricted application beyond ±3 SD, where the distance is
    /// measured in units of the spacing between the 2nd and 3rd SD curves.
    static func zScore(_ y: Double, _ r: LMS) -> Double {
        let z = (pow(y / r.m, r.l) - 1) / (r.l * r.s)
        func curve(_ sd: Double) -> Double { r.m * pow(1 + r.l * r.s * sd, 1 / r.l) }
        if z > 3 { return 3 + (y - curve(3)) / (curve(3) - curve(2)) }
        if z < -3 { return -3 + (y - curve(-3)) / (curve(-2) - curve(-3)) }
        return z
    }

    private struct Tables: Sendable {
        /// [male, female], indexed by age in days (0…1,856) and by months − 61 (61…228).
        let days: [[LMS]]
        let months: [[LMS]]
    }

    private static let tables = Tables(days: load("who2006-bmi-for-age-days"), months: load("who2007-bmi-for-age-months"))

    private static func load(_ name: String) -> [[LMS]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: name, withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("the Records module's resource \(name).csv is missing from the build")
        }
        var bySex: [[LMS]] = [[], []]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count == 5, let l = Double(f[2]), let m = Double(f[3]), let s = Double(f[4]) else { continue }
            // Rows are in age order from the first age of the table, one row per day or month.
            bySex[f[0] == "male" ? 0 : 1].append(LMS(l: l, m: m, s: s))
        }
        return bySex
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
