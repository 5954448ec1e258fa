import Foundation
import Grading
import Hummingbird
import Platform
import Registry
import SQLKit

/// A class's gradebook for one subject and semester: reading it, entering scores, closing the term
/// and reopening it.
struct GradebookController {
    let database: any Database
    let registry: RegistryService

    struct Page: Codable, Sendable {
        let classId: String
        let className: String
        let schoolYear: String
        let subject: Subject
        let semester: String
        let ruleSet: String
        let regularAssessments: String
        let closed: Bool
        let items: [Row]
    }

    struct Row: Codable, Sendable {
        let learnerId: String
        let learnerCode: String
        let fullName: String
        let regular: [String]
        let midTerm: String?
        let endOfTerm: String?
        /// The semester result once every required entry is there.
        let result: String?
    }

    struct EntryRequest: Codable { let items: [GradebookRowInput] }
    struct TermRequest: Codable { let semester: String; let reason: String? }

    func register(in catalog: APICatalog) {
        let subjectParameters = [APIRoute.Parameter("subject", "Subject code, e.g. TOAN (see /api/v1/subjects)"),
                                 APIRoute.Parameter("semester", "I or II")]
        catalog.schema("GradebookEntry", [FieldSpec("learnerCode", .string, required: true, "Learner"),
                                          FieldSpec("regular", .array(.string), "Regular assessments in order: scores 0–10 with at most one decimal (8, 7.5, 7,5), or Đ / CĐ"),
                                          FieldSpec("midTerm", .string, "Mid-term assessment"),
                                          FieldSpec("endOfTerm", .string, "End-of-term assessment")])
        catalog.schema("GradebookEntries", [FieldSpec("items", .array(.object([FieldSpec("learnerCode", .string, required: true, "Learner"),
                                                                             FieldSpec("regular", .array(.string), "Regular assessments"),
                                                                             FieldSpec("midTerm", .string, "Mid-term"),
                                                                             FieldSpec("endOfTerm", .string, "End-of-term")])), required: true,
                                                      "One entry per learner; a learner left out keeps what is stored")])
        catalog.schema("Gradebook", [FieldSpec("classId", .uuid, readOnly: true, "Class"), FieldSpec("subject", .object([]), readOnly: true, "Subject"),
                                     FieldSpec("semester", .string, readOnly: true, "I or II"), FieldSpec("ruleSet", .string, readOnly: true, "Grading rule set"),
                                     FieldSpec("closed", .boolean, readOnly: true, "The term is closed to changes"),
                                     FieldSpec("items", .array(.object([])), readOnly: true, "One row per learner, in class-list order")])
        catalog.schema("TermAction", [FieldSpec("semester", .enumeration(["I", "II"]), required: true, "Semester"),
                                      FieldSpec("reason", .string, "Why a closed term is reopened (required to reopen)")])
        catalog.add(APIRoute(.get, "/api/v1/classes/{id}/gradebook", summary: "A subject's scores for the class in one semester",
                             tag: "Learning records", parameters: subjectParameters, response: "Gradebook"), show)
        catalog.add(APIRoute(.put, "/api/v1/classes/{id}/gradebook", summary: "Enter scores (the assigned teacher, or the school)",
                             tag: "Learning records", parameters: subjectParameters, request: "GradebookEntries", response: "Gradebook"), enter)
        catalog.add(APIRoute(.post, "/api/v1/classes/{id}/gradebook/close", summary: "Close a semester's gradebooks for the class",
                             tag: "Learning records", request: "TermAction"), close)
        catalog.add(APIRoute(.post, "/api/v1/classes/{id}/gradebook/reopen", summary: "Reopen a closed semester, with a reason (audited)",
                             tag: "Learning records", request: "TermAction"), reopen)
    }

    // MARK: reading

    @Sendable func show(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let (subject, semester, rules) = try Self.target(request, schoolClass)
        let page = try await database.read { db in
            try await RecordsAccess.requireRead(db, principal, schoolClass)
            return try await Self.page(db, schoolClass, subject: subject, semester: semester, rules: rules)
        }
        return try JSONResponse.encode(page)
    }

    static func page(_ db: any SQLDatabase, _ schoolClass: ClassMembership.ClassInfo, subject: Subject, semester: String,
                     rules: GradebookRules) async throws -> Page {
        let members = try await ClassMembership.activeMembers(db, classID: schoolClass.id)
        let stored = try await entries(db, learnerIDs: members.map(\.learnerID), year: schoolClass.schoolYear, subject: subject.code, semester: semester)
        let closed = try await isClosed(db, classID: schoolClass.id, semester: semester)
        let rows = members.map { member in
            let entry = stored[member.learnerID] ?? GradebookEntry(regular: [], midTerm: nil, endOfTerm: nil)
            return Row(learnerId: member.learnerID, learnerCode: member.learnerCode, fullName: member.fullName,
                       regular: entry.regular, midTerm: entry.midTerm, endOfTerm: entry.endOfTerm, result: rules.result(of: entry))
        }
        return Page(classId: schoolClass.id, className: schoolClass.name, schoolYear: schoolClass.schoolYear, subject: subject,
                    semester: semester, ruleSet: rules.ruleSet.code, regularAssessments: rules.requirements.regular.description,
                    closed: closed, items: rows)
    }

    static func entries(_ db: any SQLDatabase, learnerIDs: [String], year: String, subject: String,
                        semester: String) async throws -> [String: GradebookEntry] {
        guard !learnerIDs.isEmpty else { return [:] }
        var found: [String: GradebookEntry] = [:]
        for row in try await db.raw("""
            SELECT learner_id, entries FROM gradebook_entries
            WHERE school_year = \(bind: year) AND subject_code = \(bind: subject) AND semester = \(bind: semester)
              AND learner_id IN (\(binds: learnerIDs))
            """).all() {
            found[try row.decode(column: "learner_id", as: String.self)] =
                try JSON.decoder.decode(GradebookEntry.self, from: Data(try row.decode(column: "entries", as: String.self).utf8))
        }
        return found
    }

    static func isClosed(_ db: any SQLDatabase, classID: String, semester: String) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS hit FROM gradebook_locks WHERE class_id = \(bind: classID) AND semester = \(bind: semester)
            """).first() != nil
    }

    /// The subject and semester named in the query, checked against the class's grade.
    static func target(_ request: Request, _ schoolClass: ClassMembership.ClassInfo) throws -> (Subject, String, GradebookRules) {
        let query = request.uri.queryParameters
        return try target(subjectCode: query["subject"].map(String.init), semester: query["semester"].map(String.init), schoolClass)
    }

    static func target(subjectCode: String?, semester: String?,
                       _ schoolClass: ClassMembership.ClassInfo) throws -> (Subject, String, GradebookRules) {
        guard let semester, ["I", "II"].contains(semester) else {
            throw APIError.malformed(field: "semester", "semester is I or II")
        }
        guard let code = subjectCode, let subject = SubjectCatalogue.subject(code: code, grade: schoolClass.grade) else {
            let known = SubjectCatalogue.subjects(grade: schoolClass.grade).map(\.code).joined(separator: ", ")
            throw APIError.malformed(field: "subject", known.isEmpty
                ? "grade \(schoolClass.grade) keeps no gradebook of scores (primary is assessed under Circular 27)"
                : "subject is one of \(known) for grade \(schoolClass.grade)")
        }
        do {
            return (subject, semester, try GradebookRules(subject: subject, grade: Int(schoolClass.grade) ?? 0,
                                                          schoolYearStart: schoolClass.schoolYearStart))
        } catch let error as GradingError {
            throw APIError.conflict(field: nil, code: error.code, error.messageEN)
        }
    }

    // MARK: writing

    @Sendable func enter(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let (subject, semester, rules) = try Self.target(request, schoolClass)
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(EntryRequest.self, from: data, allowedFields: ["items"],
                                        itemFields: ["items": ["learnerCode", "regular", "midTerm", "endOfTerm"]])
        return try JSONResponse.encode(try await enter(input.items, schoolClass: schoolClass, subject: subject, semester: semester,
                                                       rules: rules, principal: principal))
    }

    /// The one path by which scores are entered, by the API and by gradebook files alike: the caller's
    /// right to the subject, the closed-term rule and every value checked, then all rows or none.
    /// Errors name `items/N/...`; a file import maps N back to its row.
    func enter(_ items: [GradebookRowInput], schoolClass: ClassMembership.ClassInfo, subject: Subject, semester: String,
               rules: GradebookRules, principal: Principal) async throws -> Page {
        let input = EntryRequest(items: items)
        return try await database.transaction { db in
            try await RecordsAccess.requireScoreEntry(db, principal, schoolClass, subject: subject, semester: semester)
            if try await Self.isClosed(db, classID: schoolClass.id, semester: semester) {
                throw APIError.conflict(field: nil, code: "gradebook.closed",
                                        "semester \(semester) is closed for class \(schoolClass.name); the school can reopen it")
            }
            let members = Dictionary(try await ClassMembership.activeMembers(db, classID: schoolClass.id).map { ($0.learnerCode, $0) },
                                     uniquingKeysWith: { first, _ in first })
            var errors = ValidationCollector()
            var updates: [(ClassMembership.Member, GradebookEntry)] = []
            var seen = Set<String>()
            for (index, item) in input.items.enumerated() {
                let code = item.learnerCode.trimmingCharacters(in: .whitespaces).uppercased()
                guard let member = members[code] else {
                    errors.add("items/\(index)/learnerCode", "gradebook.notInClass", "learner '\(item.learnerCode)' is not enrolled in class \(schoolClass.name)")
                    continue
                }
                if !seen.insert(code).inserted {
                    errors.add("items/\(index)/learnerCode", "gradebook.duplicate", "learner '\(item.learnerCode)' appears twice")
                }
                updates.append((member, rules.entry(from: item, field: "items/\(index)", errors: &errors)))
            }
            try errors.check()
            // Entries belong to the learner for the year; one who moved class keeps scores entered in the
            // old class, which stay closed when that class's term is.
            if !updates.isEmpty, let moved = try await db.raw("""
                SELECT e.learner_id FROM gradebook_entries e
                JOIN gradebook_locks l ON l.class_id = e.class_id AND l.semester = e.semester
                WHERE e.school_year = \(bind: schoolClass.schoolYear) AND e.subject_code = \(bind: subject.code) AND e.semester = \(bind: semester)
                  AND e.class_id <> \(bind: schoolClass.id) AND e.learner_id IN (\(binds: updates.map(\.0.learnerID)))
                LIMIT 1
                """).first() {
                let learnerID = try moved.decode(column: "learner_id", as: String.self)
                let code = updates.first { $0.0.learnerID == learnerID }?.0.learnerCode ?? learnerID
                throw APIError.conflict(field: nil, code: "gradebook.closed",
                                        "learner \(code)'s semester \(semester) scores were entered in another class whose term is closed")
            }
            let stored = try await Self.entries(db, learnerIDs: updates.map(\.0.learnerID), year: schoolClass.schoolYear,
                                                subject: subject.code, semester: semester)
            var changed = 0
            for (member, entry) in updates where stored[member.learnerID] ?? GradebookEntry(regular: [], midTerm: nil, endOfTerm: nil) != entry {
                try await Self.save(db, entry, member: member, schoolClass: schoolClass, subject: subject, semester: semester,
                                    rules: rules, principal: principal)
                changed += 1
            }
            if changed > 0 {
                try await AuditLog.record(db, principal: principal, action: .update, resource: "gradebook", recordID: schoolClass.id,
                                          orgID: schoolClass.orgID, detail: "\(subject.code) semester \(semester): \(changed) learners")
            }
            return try await Self.page(db, schoolClass, subject: subject, semester: semester, rules: rules)
        }
    }

    /// Stores (or, when emptied, removes) one learner's entries and publishes the change.
    static func save(_ db: any SQLDatabase, _ entry: GradebookEntry, member: ClassMembership.Member, schoolClass: ClassMembership.ClassInfo,
                     subject: Subject, semester: String, rules: GradebookRules, principal: Principal) async throws {
        let key = "\(member.learnerCode)|\(schoolClass.schoolYear)|\(subject.code)|\(semester)"
        if entry.isEmpty {
            try await db.raw("""
                DELETE FROM gradebook_entries WHERE learner_id = \(bind: member.learnerID) AND school_year = \(bind: schoolClass.schoolYear)
                  AND subject_code = \(bind: subject.code) AND semester = \(bind: semester)
                """).run()
        } else {
            try await db.raw("""
                INSERT INTO gradebook_entries (learner_id, school_year, subject_code, semester, class_id, org_id, entries, result, rule_set,
                                               updated_by, updated_at)
                VALUES (\(bind: member.learnerID), \(bind: schoolClass.schoolYear), \(bind: subject.code), \(bind: semester),
                        \(bind: schoolClass.id), \(bind: schoolClass.orgID), \(bind: try JSON.string(entry)), \(bind: rules.result(of: entry)),
                        \(bind: rules.ruleSet.code), \(bind: principal.name), \(bind: Clock.timestamp()))
                ON CONFLICT (learner_id, school_year, subject_code, semester) DO UPDATE SET
                    class_id = excluded.class_id, org_id = excluded.org_id, entries = excluded.entries, result = excluded.result,
                    rule_set = excluded.rule_set, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).run()
        }
        _ = try await ChangeFeed.append(db, resource: "gradebook_entries", recordID: key, orgID: schoolClass.orgID,
                                        kind: entry.isEmpty ? .delete : .upsert, naturalKey: key)
    }

    // MARK: closing and reopening a term

    @Sendable func close(_ request: Request, _ context: NEMISContext) async throws -> Response {
        try await changeTerm(request, context, close: true)
    }

    @Sendable func reopen(_ request: Request, _ context: NEMISContext) async throws -> Response {
        try await changeTerm(request, context, close: false)
    }

    private func changeTerm(_ request: Request, _ context: NEMISContext, close: Bool) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let data = Data(buffer: try await request.body.collect(upTo: 64 * 1024))
        let input = try JSON.decodeStrict(TermRequest.self, from: data, allowedFields: ["semester", "reason"])
        try await changeTerm(schoolClass, semester: input.semester, close: close, reason: input.reason, principal: principal)
        return Response(status: .noContent)
    }

    /// Closes a semester's gradebooks for the class, or reopens them with a reason kept in the
    /// audit log: the API's and the web form's one path.
    func changeTerm(_ schoolClass: ClassMembership.ClassInfo, semester: String, close: Bool, reason: String?,
                    principal: Principal) async throws {
        guard ["I", "II"].contains(semester) else { throw ValidationFailure(field: "semester", code: "semester.invalid", message: "semester is I or II") }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !close && reason.isEmpty {
            throw ValidationFailure(field: "reason", code: "reason.required", message: "reopening a closed term needs a reason, which is kept in the audit log")
        }
        try await database.transaction { db in
            try await RecordsAccess.requireManage(db, principal, schoolClass)
            let closed = try await Self.isClosed(db, classID: schoolClass.id, semester: semester)
            guard closed != close else {
                throw APIError.conflict(field: "semester", code: close ? "gradebook.alreadyClosed" : "gradebook.notClosed",
                                        "semester \(semester) of class \(schoolClass.name) is \(closed ? "already closed" : "not closed")")
            }
            if close {
                try await db.raw("""
                    INSERT INTO gradebook_locks (class_id, semester, locked_at, locked_by)
                    VALUES (\(bind: schoolClass.id), \(bind: semester), \(bind: Clock.timestamp()), \(bind: principal.name))
                    """).run()
            } else {
                try await db.raw("DELETE FROM gradebook_locks WHERE class_id = \(bind: schoolClass.id) AND semester = \(bind: semester)").run()
            }
            try await AuditLog.record(db, principal: principal, action: .transition, resource: "gradebook", recordID: schoolClass.id,
                                      orgID: schoolClass.orgID,
                                      detail: close ? "closed semester \(semester)" : "reopened semester \(semester): \(reason)")
        }
    }
}
