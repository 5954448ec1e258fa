import Foundation
import Platform
import Registry
import SQLKit

/// One person as OneRoster shows them: a user, their roles (one per school they work or learn
/// at) and, when allowed, their demographics (birth date and sex, under the demographics scope).
struct RosterPerson: Sendable {
    var user: RosterRecord
    var roles: [RosterRecord]
    var demographics: RosterRecord?
    var isStudent: Bool
    var isTeacher: Bool
}

/// A staff member or learner as stored: the name parts, and what roles and demographics need.
struct PersonRow: Sendable {
    enum Kind: Sendable { case staff, learner }
    let kind: Kind
    let code: String
    let updated: String
    let givenName: String
    let middleName: String
    let familyName: String
    let dateOfBirth: String
    let sex: String
    /// Learners: their school; staff: their employments as JSON text.
    let school: String
    let identity: Bool

    static let staffMembers = DocumentMembers(["givenName", "middleName", "familyName", "dateOfBirth", "sex", "employments"])
    static let learnerMembers = DocumentMembers(["givenName", "middleName", "familyName", "dateOfBirth", "sex", "schoolCode"])

    static func fetch(_ db: any SQLDatabase, kind: Kind, scope: RosterScope, after: String?, limit: Int) async throws -> [PersonRow] {
        let resource = kind == .staff ? Staff.resource : Learner.resource
        let members = kind == .staff ? staffMembers : learnerMembers
        var select = SQLQueryString("SELECT ")
        select.appendInterpolation(unsafeRaw: DocumentSQL.packedWithDocument(["t.natural_key", "t.updated_at"]) + ", ")
        select.appendInterpolation(scope.identityColumn(resource))
        select.appendInterpolation(unsafeRaw: ", t.natural_key FROM \(resource.name) t")
        let sql = try await scope.page(select, resource, after: after, limit: limit, on: db)
        return try await KeysetPages.decoded(db.raw(sql).all()) { row in
            let f = try DocumentSQL.unpack(row, columns: 2, members: members)
            return PersonRow(kind: kind, code: f[0], updated: f[1], givenName: f[2], middleName: f[3], familyName: f[4], dateOfBirth: f[5],
                             sex: f[6], school: f[7], identity: try row.decode(column: "identity", as: Int.self) == 1)
        }
    }

    /// OneRoster 1.2 roles for NEMIS positions; `staff` (clerks, librarians, nurses) are aides.
    static func role(position: String) -> String {
        switch position {
        case "principal": "principal"
        case "vicePrincipal": "siteAdministrator"
        case "teacher": "teacher"
        default: "aide"
        }
    }

    /// The schools and roles: a learner's school; a member of staff's current employments.
    func memberships() -> [(school: String, role: String, begin: String?)] {
        guard kind == .staff else { return [(school, "student", nil)] }
        guard let employments = try? JSONSerialization.jsonObject(with: Data(school.utf8)) as? [[String: Any]] else { return [] }
        return employments.compactMap { employment in
            guard employment["endDate"] == nil || employment["endDate"] is NSNull,
                  let school = employment["schoolCode"] as? String else { return nil }
            return (school, Self.role(position: employment["position"] as? String ?? ""), employment["startDate"] as? String)
        }
    }

    var person: RosterPerson {
        let userID = kind == .staff ? RosterKeys.staff(code) : RosterKeys.learner(code)
        let userRef = RosterRef(sourcedId: userID, type: "user")
        var roles: [RosterRecord] = []
        var roleValues: [RosterRole] = []
        for (index, membership) in memberships().enumerated() {
            let org = RosterRef(sourcedId: RosterKeys.org(code: membership.school), type: "org")
            let roleType = index == 0 ? "primary" : "secondary"
            var fields: [String: RosterValue] = ["userSourcedId": .ref(userRef), "roleType": .text(roleType),
                                                 "role": .text(membership.role), "orgSourcedId": .ref(org)]
            if let begin = membership.begin { fields["beginDate"] = .text(begin) }
            roles.append(RosterRecord(sourcedId: RosterKeys.role(user: userID, org: org.sourcedId, role: membership.role),
                                      dateLastModified: updated, fields: fields))
            roleValues.append(RosterRole(roleType: roleType, role: membership.role, org: org, beginDate: membership.begin))
        }
        var fields: [String: RosterValue] = [
            "enabledUser": .flag(true), "username": .text(code), "userIds": .identifiers(["nemis": code]),
            "givenName": .text(givenName), "familyName": .text(familyName), "identifier": .text(code),
            "userMasterIdentifier": .text(code), "roles": .roles(roleValues),
        ]
        if !middleName.isEmpty { fields["middleName"] = .text(middleName) }
        if let primary = roleValues.first { fields["primaryOrgSourcedId"] = .ref(primary.org) }
        var demographics: RosterRecord?
        if identity {
            var values: [String: RosterValue] = [:]
            if !dateOfBirth.isEmpty { values["birthDate"] = .text(dateOfBirth) }
            if !sex.isEmpty { values["sex"] = .text(sex) }
            demographics = RosterRecord(sourcedId: userID, dateLastModified: updated, fields: values)
        }
        return RosterPerson(user: RosterRecord(sourcedId: userID, dateLastModified: updated, fields: fields), roles: roles,
                            demographics: demographics, isStudent: kind == .learner,
                            isTeacher: roleValues.contains { $0.role == "teacher" })
    }
}
