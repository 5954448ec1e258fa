import Testing

@testable import ExamRules

@Suite("The priority area of grades 10–12 at several schools: the longest, else the graduation school's (Circular 08/2022 Art. 7)")
struct AreaAttendedTests {
    typealias Stay = AreaAttended.Stay

    @Test("one area all three years gives that area, wherever the candidate graduates")
    func oneArea() {
        let stays = [Stay(area: .kv1, schoolYear: "2023-2024", days: 268), Stay(area: .kv1, schoolYear: "2024-2025", days: 270),
                     Stay(area: .kv1, schoolYear: "2025-2026", days: 269)]
        #expect(AreaAttended.area(of: stays, graduatingIn: .kv1) == .kv1)
    }

    @Test("two years in a mountain commune and the last in a city: the longest area counts")
    func longest() {
        let stays = [Stay(area: .kv1, schoolYear: "2023-2024", days: 268), Stay(area: .kv1, schoolYear: "2024-2025", days: 270),
                     Stay(area: .kv3, schoolYear: "2025-2026", days: 269)]
        #expect(AreaAttended.area(of: stays, graduatingIn: .kv3) == .kv1)
    }

    @Test("a school each year, in years of different lengths, is a tie: the graduation school's area counts")
    func eachYearElsewhere() {
        let stays = [Stay(area: .kv1, schoolYear: "2023-2024", days: 271), Stay(area: .kv2NT, schoolYear: "2024-2025", days: 268),
                     Stay(area: .kv2, schoolYear: "2025-2026", days: 250)]
        #expect(AreaAttended.area(of: stays, graduatingIn: .kv2) == .kv2)
    }

    @Test("a transfer in the middle of grade 11: half a year here and half there ties; a later transfer tips it")
    func transferMidYear() {
        let half = [Stay(area: .kv2NT, schoolYear: "2023-2024", days: 270), Stay(area: .kv2NT, schoolYear: "2024-2025", days: 135),
                    Stay(area: .kv3, schoolYear: "2024-2025", days: 135), Stay(area: .kv3, schoolYear: "2025-2026", days: 270)]
        #expect(AreaAttended.area(of: half, graduatingIn: .kv3) == .kv3)
        #expect(AreaAttended.area(of: half, graduatingIn: .kv2NT) == .kv2NT)
        let later = [Stay(area: .kv2NT, schoolYear: "2023-2024", days: 270), Stay(area: .kv2NT, schoolYear: "2024-2025", days: 200),
                     Stay(area: .kv3, schoolYear: "2024-2025", days: 70), Stay(area: .kv3, schoolYear: "2025-2026", days: 270)]
        #expect(AreaAttended.area(of: later, graduatingIn: .kv3) == .kv2NT)
        // 146 days at one school and 124 at the other is not half and half: the longer stay counts.
        let close = [Stay(area: .kv2NT, schoolYear: "2023-2024", days: 270), Stay(area: .kv2NT, schoolYear: "2024-2025", days: 146),
                     Stay(area: .kv3, schoolYear: "2024-2025", days: 124), Stay(area: .kv3, schoolYear: "2025-2026", days: 270)]
        #expect(AreaAttended.area(of: close, graduatingIn: .kv3) == .kv2NT)
    }

    @Test("no stays at all: the graduation school's area")
    func nothingKnown() {
        #expect(AreaAttended.area(of: [], graduatingIn: .kv2) == .kv2)
    }
}
