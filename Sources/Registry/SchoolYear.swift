import Foundation
import Platform
import SQLKit

/// A school year (`2025-2026`) and its two semesters, set by the ministry for the whole country.
public struct SchoolYear: StoredModel, Equatable {
    public struct Semester: Codable, Sendable, Equatable {
        public var name: String
        public var startDate: CivilDate
        public var endDate: CivilDate
    }

    public var id: String?
    public var schoolYear: String
    public var startDate: CivilDate
    public var endDate: CivilDate
    public var semesters: [Semester]

    public static let resource = ResourceDescriptor(name: "school_years", sharedDownwards: true)

    static let fields: [FieldSpec] = [
        FieldSpec("id", .uuid, readOnly: true, "Surrogate ID"),
        FieldSpec("schoolYear", .string, required: true, "e.g. 2025-2026"),
        FieldSpec("startDate", .date, required: true, "First day"),
        FieldSpec("endDate", .date, required: true, "Last day"),
        FieldSpec("semesters", .array(.object([
            FieldSpec("name", .enumeration(["I", "II"]), required: true, "Semester"),
            FieldSpec("startDate", .date, required: true, "First day"),
            FieldSpec("endDate", .date, required: true, "Last day"),
        ])), required: true, "Semesters I and II"),
    ]

    static func spec() -> ResourceSpec<SchoolYear> {
        ResourceSpec(
            descriptor: resource, schemaName: "SchoolYear", tag: "School years", fields: fields, allowDelete: false,
            naturalKey: { year in
                var errors = ValidationCollector()
                let key = Codes.schoolYear(year.schoolYear, into: &errors)
                try errors.check()
                return key
            },
            prepare: { input, write in
                var errors = ValidationCollector()
                let first = Int(input.schoolYear.prefix(4)) ?? 0
                if input.endDate <= input.startDate { errors.add("endDate", "date.order", "the year ends before it starts") }
                if input.startDate.year != first { errors.add("startDate", "schoolYear.start", "a \(input.schoolYear) year starts in \(first)") }
                if input.semesters.map(\.name) != ["I", "II"] {
                    errors.add("semesters", "semesters.names", "exactly semesters I and II, in order")
                }
                for (index, semester) in input.semesters.enumerated() {
                    if semester.endDate <= semester.startDate || semester.startDate < input.startDate || semester.endDate > input.endDate {
                        errors.add("semesters/\(index)", "semester.dates", "semester \(semester.name) must lie inside the year, start before it ends")
                    }
                }
                if input.semesters.count == 2, input.semesters[1].startDate <= input.semesters[0].endDate {
                    errors.add("semesters/1/startDate", "semester.overlap", "semester II starts after semester I ends")
                }
                try errors.check()
                guard let root = try await write.db.raw("SELECT id FROM org_units WHERE kind = 'ministry'").first()?
                    .decode(column: "id", as: String.self) else { throw APIError.notFound }
                var prepared = PreparedWrite(model: input, orgID: root)
                prepared.sortKey = input.schoolYear
                return prepared
            })
    }
}
