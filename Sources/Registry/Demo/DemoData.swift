import CitizenID
import Foundation
import Logging
import Platform
import SQLKit

/// The demo dataset of `nemis serve --demo`: Thái Nguyên as it stands after the 2025 merger with
/// Bắc Kạn. Schools hang under the two old departments until 30 June 2025 and under the merged
/// department from 1 July 2025, so reports before and after the reform both work. Everything is written
/// through the same rules as the API, deterministically from a fixed seed.
public enum DemoData {
    public struct Login: Sendable {
        public let username: String
        public let password: String
        public let description: String

        public init(username: String, password: String, description: String) {
            self.username = username
            self.password = password
            self.description = description
        }
    }

    public static let password = "nemis-demo-2026"
    public static let demoSchoolCode = "19TH001"

    public static let logins: [Login] = [
        Login(username: "bo.admin", password: password, description: "ministry admin (whole country)"),
        Login(username: "bo.phantich", password: password, description: "ministry analyst (read-only, no identity data)"),
        Login(username: "so.thainguyen", password: password, description: "Thái Nguyên department admin"),
        Login(username: "truong.19th001", password: password, description: "school admin of \(demoSchoolCode)"),
        Login(username: "giaovien.19th001", password: password, description: "teacher at \(demoSchoolCode), homeroom of 1A1"),
        Login(username: "yte.19th001", password: password, description: "health officer of \(demoSchoolCode): learners' health checks"),
        Login(username: "giaovien.19thcs001", password: password,
              description: "teacher at \(demoSecondarySchoolCode): homeroom of 6A1, teaches its mathematics (enters scores)"),
    ]

    /// The lower-secondary school whose teacher enters scores in the demo.
    public static let demoSecondarySchoolCode = "19THCS001"

    static let currentYear = "2026-2027"

    /// The principal the demo is loaded as: the ministry's administrator, named as the loader.
    public static func loader(_ database: any Database) async throws -> Principal {
        let ministryID = try await database.read { db in
            try await db.raw("SELECT id FROM org_units WHERE kind = 'ministry'").first()!.decode(column: "id", as: String.self)
        }
        return Principal(id: "system", name: "demo-loader", kind: .user, grants: [Grant(role: .ministryAdmin, orgID: ministryID)])
    }

    /// Loads the demo unless it is already there. Returns false when it was already loaded.
    @discardableResult
    public static func load(into database: any Database, logger: Logger) async throws -> Bool {
        let loaded = try await database.read { db in
            try await db.raw("SELECT 1 AS hit FROM org_units WHERE code = 'SGD19'").first() != nil
        }
        if loaded { return false }
        let started = Date()
        let names = try NameBank.load()
        let access = AccessStore(database: database)
        let registry = RegistryService(database: database)
        let system = try await loader(database)
        let ministryID = system.grants[0].orgID
        let (counts, teachers) = try await database.transaction { db -> ([String: Int], [String: String]) in
            var generator = DemoGenerator(seed: 2026, names: names, registry: registry, principal: system, db: db)
            try await generator.build(ministryID: ministryID)
            return (generator.counts, generator.firstTeacher)
        }
        // The sign-ins are created side by side: their bcrypt hashing runs on the thread pool.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for login in logins {
                group.addTask {
                    let (role, code): (Role, String) = switch login.username {
                    case "bo.admin": (.ministryAdmin, "MOET")
                    case "bo.phantich": (.ministryAnalyst, "MOET")
                    case "so.thainguyen": (.departmentAdmin, "SGD19")
                    case "truong.19th001": (.schoolAdmin, demoSchoolCode)
                    case "giaovien.19thcs001": (.teacher, demoSecondarySchoolCode)
                    case "yte.19th001": (.schoolHealth, demoSchoolCode)
                    default: (.teacher, demoSchoolCode)
                    }
                    let user = try await access.createUser(username: login.username, displayName: login.description, password: login.password,
                                                           staffCode: role == .teacher ? teachers[code] : nil)
                    guard let orgID = try await database.read({ db in try await OrgUnits.find(db, code: code)?.id }) else { return }
                    try await access.grant(principalID: user.id, role: role, orgID: orgID)
                }
            }
            try await group.waitForAll()
        }
        logger.info("demo data loaded", metadata: [
            "seconds": "\(String(format: "%.1f", Date().timeIntervalSince(started)))",
            "counts": "\(counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))",
        ])
        return true
    }
}

