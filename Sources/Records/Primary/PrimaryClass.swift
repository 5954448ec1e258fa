import Foundation
import Hummingbird
import Platform
import Registry
import SQLKit

/// What the primary assessment routes share: the class must be a primary one, the semester is
/// I or II, and each row names a pupil enrolled in the class, once.
enum PrimaryClass {
    /// The semester named in the query, for a class assessed under Circular 27.
    static func semester(_ request: Request, _ schoolClass: ClassMembership.ClassInfo) throws -> String {
        guard PrimaryCatalogue.isPrimary(grade: schoolClass.grade) else {
            throw APIError.conflict(field: nil, code: "primary.notPrimary",
                                    "class \(schoolClass.name) is in grade \(schoolClass.grade); its scores go in the gradebook (/gradebook)")
        }
        guard let semester = request.uri.queryParameters["semester"].map(String.init), ["I", "II"].contains(semester) else {
            throw APIError.malformed(field: "semester", "semester is I or II")
        }
        return semester
    }

    static func membersByCode(_ db: any SQLDatabase, _ schoolClass: ClassMembership.ClassInfo) async throws -> [String: ClassMembership.Member] {
        Dictionary(try await ClassMembership.activeMembers(db, classID: schoolClass.id).map { ($0.learnerCode, $0) },
                   uniquingKeysWith: { first, _ in first })
    }

    /// The enrolled pupil a row names, or nil with the problem added under `field`.
    static func member(_ code: String, in members: [String: ClassMembership.Member], _ schoolClass: ClassMembership.ClassInfo,
                       field: String, seen: inout Set<String>, errors: inout ValidationCollector) -> ClassMembership.Member? {
        let normalised = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard let member = members[normalised] else {
            errors.add("\(field)/learnerCode", "primary.notInClass", "pupil '\(code)' is not enrolled in class \(schoolClass.name)")
            return nil
        }
        if !seen.insert(normalised).inserted {
            errors.add("\(field)/learnerCode", "primary.duplicate", "pupil '\(code)' appears twice")
        }
        return member
    }
}
