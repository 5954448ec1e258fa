import Foundation
import Platform
import SQLKit

/// The national reference records a file import needs before its first row: a department for
/// each province (a school names its department by code), and the school year that classes and
/// enrolments belong to. `nemis setup` runs these; each is idempotent.
public enum ReferenceSetup {
    /// Creates `SGD<code>` under the ministry for every 2025 province that has no department yet.
    /// Returns the codes created.
    public static func ensureProvinceDepartments(_ database: any Database) async throws -> [String] {
        try await database.transaction { db in
            guard let ministry = try await db.raw("SELECT id FROM org_units WHERE kind = 'ministry'").first()?
                .decode(column: "id", as: String.self) else { throw ConfigurationError("the database has no ministry node") }
            let provinces = try await db.raw("""
                SELECT code, name FROM admin_units
                WHERE level = 'province' AND LENGTH(code) = 2
                  AND code NOT IN (SELECT province_code FROM org_units WHERE kind = 'department' AND province_code IS NOT NULL)
                  AND 'SGD' || code NOT IN (SELECT code FROM org_units)
                ORDER BY code
                """).all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self)) }
            for (code, name) in provinces {
                try await OrgUnits.insertNode(db, OrgUnit(id: UUIDv7.make(), code: "SGD\(code)", kind: .department,
                                                          name: "Sở Giáo dục và Đào tạo \(name)", parentCode: "MOET", provinceCode: code,
                                                          validFrom: "2025-07-01", status: "active"), parentID: ministry)
            }
            return provinces.map { "SGD\($0.0)" }
        }
    }

    /// Defines the national school year starting in `startYear` with the ministry's usual calendar
    /// (5 September to 31 May, semester II from the third week of January), unless it exists.
    /// Returns false when it was already there.
    @discardableResult
    public static func ensureSchoolYear(_ database: any Database, startYear: Int, principal: Principal) async throws -> Bool {
        let year = usualCalendar(startYear: startYear)
        let registry = RegistryService(database: database)
        return try await database.transaction { db in
            if try await RecordStore.find(db, SchoolYear.resource, naturalKey: year.schoolYear) != nil { return false }
            _ = try await registry.schoolYears.write(year, principal: principal, db: db)
            return true
        }
    }

    /// The ministry's usual calendar for the year starting in `startYear`.
    static func usualCalendar(startYear: Int) -> SchoolYear {
        let date = { (y: Int, m: Int, d: Int) in CivilDate(year: y, month: m, day: d)! }
        return SchoolYear(id: nil, schoolYear: "\(startYear)-\(startYear + 1)", startDate: date(startYear, 9, 5),
                          endDate: date(startYear + 1, 5, 31),
                          semesters: [.init(name: "I", startDate: date(startYear, 9, 5), endDate: date(startYear + 1, 1, 17)),
                                      .init(name: "II", startDate: date(startYear + 1, 1, 19), endDate: date(startYear + 1, 5, 31))])
    }
}
