import Foundation
import Platform
import Registry
import VietnameseText

/// What every part reads and nobody changes: the seed, the year, the places and the names.
struct GenerationContext: Sendable {
    let seed: UInt64
    let dirtyRate: Double
    /// `2026-2027`, and its first day (5 September), on which ages and entries are based.
    let schoolYear: String
    let startYear: Int
    let geography: Geography
    let people: [PeopleFactory]

    init(seed: UInt64, dirtyRate: Double, schoolYear: String, geography: Geography, names: NameBank) throws {
        guard let start = Int(schoolYear.prefix(4)), schoolYear == "\(start)-\(start + 1)", (2000...2100).contains(start) else {
            throw GenerateError.invalidOption("a school year is written like 2026-2027, not '\(schoolYear)'")
        }
        self.seed = seed
        self.dirtyRate = dirtyRate
        self.schoolYear = schoolYear
        startYear = start
        self.geography = geography
        people = geography.provinces.map { PeopleFactory(names: names, geography: geography, province: $0) }
    }

    /// The first day of the school year, when most enrolments start.
    var firstDay: CivilDate { CivilDate(year: startYear, month: 9, day: 5)! }

    /// The department that manages the province's schools (the demo's convention: SGD19).
    static func departmentCode(_ province: Geography.Province) -> String { "SGD" + province.code }

    /// `thainguyen`, for e-mail addresses.
    static func slug(_ province: Geography.Province) -> String {
        VietnameseText.fold(province.name.replacingOccurrences(of: "Thành phố ", with: "")).filter { $0.isLetter }
    }
}
