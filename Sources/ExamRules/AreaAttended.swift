/// The priority area of a candidate who studied grades 10–12 at more than one school (Circular
/// 08/2022 Art. 7): the area where they studied longest; when no area is longest (a school each
/// year, or half the time here and half there), the area of the school they graduate from.
public enum AreaAttended {
    /// Time at one school in one school year.
    public struct Stay: Sendable, Equatable {
        public let area: AdmissionScoring.Area
        /// The school year, e.g. 2025-2026: each year counts as one, shared between its stays.
        public let schoolYear: String
        /// Days enrolled at the school in that year.
        public let days: Int

        public init(area: AdmissionScoring.Area, schoolYear: String, days: Int) {
            self.area = area
            self.schoolYear = schoolYear
            self.days = days
        }
    }

    static let unitsPerYear = 10_000

    /// The area that gives priority, given the stays of grades 10–12 and the graduation school's area.
    public static func area(of stays: [Stay], graduatingIn graduation: AdmissionScoring.Area) -> AdmissionScoring.Area {
        // Time in ten-thousandths of a school year, so that three years at three schools tie
        // exactly whatever the lengths of the years in days, and a year split by a transfer counts
        // its parts by their days (half and half ties only when the days are equal).
        var time: [AdmissionScoring.Area: Int] = [:]
        for stays in Dictionary(grouping: stays, by: \.schoolYear).values {
            let total = stays.reduce(0) { $0 + max(0, $1.days) }
            guard total > 0 else { continue }
            for stay in stays { time[stay.area, default: 0] += max(0, stay.days) * Self.unitsPerYear / total }
        }
        guard let longest = time.values.max() else { return graduation }
        let areas = time.filter { $0.value == longest }.map(\.key)
        return areas.count == 1 ? areas[0] : graduation
    }
}
