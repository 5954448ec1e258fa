import Foundation
import Platform
import SplitMix
import Testing

@Suite("Today's date and record IDs")
struct ClockAndIdentifierTests {
    /// `Clock.today` counts days at UTC+7; Foundation's calendar in Asia/Ho_Chi_Minh must agree on any
    /// instant since 1976, around midnight in Vietnam too.
    @Test func todayAgreesWithTheCalendarOfHoChiMinhCity() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        var random = SplitMix64(seed: 7)
        let start = 189_302_400.0  // 1976-01-01T00:00:00Z
        for index in 0..<5_000 {
            var seconds = start + Double(random.next() % 4_000_000_000)
            // Every other instant sits within a minute of midnight in Vietnam (17:00 UTC).
            if index % 2 == 0 { seconds = (seconds / 86_400).rounded(.down) * 86_400 + 17 * 3_600 + Double(Int(random.next() % 120) - 60) }
            let date = Date(timeIntervalSince1970: seconds)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            #expect(Clock.today(date) == CivilDate(year: parts.year!, month: parts.month!, day: parts.day!), "\(date)")
        }
    }

    @Test func recordIDsAreVersion7AndGrowInTheOrderTheyAreMade() {
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let ids = (0..<20_000).map { _ in UUIDv7.make() }
        let after = UInt64(Date().timeIntervalSince1970 * 1000)
        for (earlier, later) in zip(ids, ids.dropFirst()) {
            #expect(earlier < later)
        }
        #expect(Set(ids).count == ids.count)
        for id in [ids[0], ids[ids.count - 1]] {
            let hex = Array(id)
            #expect(id.count == 36 && hex[8] == "-" && hex[13] == "-" && hex[18] == "-" && hex[23] == "-")
            #expect(hex[14] == "7")
            #expect("89ab".contains(hex[19]))
            let millis = UInt64(String(hex[0..<8] + hex[9..<13]), radix: 16)!
            // 20,000 IDs may run a few milliseconds ahead of the clock: a millisecond holds 4,096 of them.
            #expect(millis >= before && millis <= after + 10, "\(id)")
        }
        #expect(ids.allSatisfy { $0 == $0.lowercased() && UUID(uuidString: $0) != nil })
    }
}
