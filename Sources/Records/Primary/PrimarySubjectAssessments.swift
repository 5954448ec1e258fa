import Foundation
import Grading
import Hummingbird
import Platform
import Registry
import SQLKit

/// Primary subject assessment under Circular 27/2020: for one subject and semester, each pupil's
/// rating (Hoàn thành tốt / Hoàn thành / Chưa hoàn thành), periodic test score where the subject
/// has one, and the teacher's comment. Entered by the teacher assigned to the subject, or the
/// school; closed with the class's term like a secondary gradebook.
struct PrimarySubjectAssessments {
    let database: any Database
    let registry: RegistryService

    /// One pupil's assessment as stored and served.
    struct Assessment: Codable, Sendable, Equatable {
        var rating: String?
        var testScore: Int?
        var comment: String?

        var isEmpty: Bool { rating == nil && testScore == nil && comment == nil }
    }

    struct Input: Codable, Sendable {
        let learnerCode: String
        let rating: String?
        let testScore: String?
        let comment: String?
    }

    struct EntryRequest: Codable { let items: [Input] }

    struct Row: Codable, Sendable {
        let learnerId: String
        let learnerCode: String
        let fullName: String
        let rating: String?
        let testScore: Int?
        let comment: String?
    }

    struct Page: Codable, Sendable {
        let classId: String
        let className: String
        let schoolYear: String
        let subject: PrimarySubject
        let semester: String
        let ruleSet: String
        let closed: Bool
        let items: [Row]
    }

    func register(in catalog: APICatalog) {
        let parameters = [APIRoute.Parameter("subject", "Subject code, e.g. TIENGVIET (see the catalogue in the answer)"),
                          APIRoute.Parameter("semester", "I or II")]
        let item = FieldSpec("items", .array(.object([
            FieldSpec("learnerCode", .string, required: true, "Pupil"),
            FieldSpec("rating", .string, "hoan_thanh_tot, hoan_thanh or chua_hoan_thanh (HTT / HT / CHT are read too)"),
            FieldSpec("testScore", .string, "Periodic test score, a whole number 0–10, for subjects that have a test"),
            FieldSpec("comment", .string, "The teacher's comment"),
        ])), required: true, "One row per pupil; a pupil left out keeps what is stored")
        catalog.schema("PrimaryAssessmentEntries", [item])
        catalog.schema("PrimaryAssessments", [
            FieldSpec("subject", .object([]), readOnly: true, "Subject, and whether it has a periodic test"),
            FieldSpec("semester", .string, readOnly: true, "I or II"),
            FieldSpec("closed", .boolean, readOnly: true, "The term is closed to changes"),
            FieldSpec("items", .array(.object([])), readOnly: true, "One row per pupil, in class-list order"),
        ])
        catalog.add(APIRoute(.get, "/api/v1/classes/{id}/primary-assessments", summary: "A primary subject's ratings, tests and comments for the class",
                             tag: "Learning records", parameters: parameters, response: "PrimaryAssessments"), show)
        catalog.add(APIRoute(.put, "/api/v1/classes/{id}/primary-assessments", summary: "Enter primary ratings, tests and comments (the assigned teacher, or the school)",
                             tag: "Learning records", parameters: parameters, request: "PrimaryAssessmentEntries", response: "PrimaryAssessments"), enter)
    }

    @Sendable func show(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let (subject, semester) = try Self.target(request, schoolClass)
        let page = try await database.read { db in
            try await RecordsAccess.requireRead(db, principal, schoolClass)
            return try await Self.page(db, schoolClass, subject: subject, semester: semester)
        }
        return try JSONResponse.encode(page)
    }

    @Sendable func enter(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let (subject, semester) = try Self.target(request, schoolClass)
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(EntryRequest.self, from: data, allowedFields: ["items"],
                                          itemFields: ["items": ["learnerCode", "rating", "testScore", "comment"]])
        let page = try await database.transaction { db in
            try await RecordsAccess.requireScoreEntry(db, principal, schoolClass, subjectCode: subject.code, subjectName: subject.nameVI,
                                                      semester: semester)
            if try await GradebookController.isClosed(db, classID: schoolClass.id, semester: semester) {
                throw APIError.conflict(field: nil, code: "gradebook.closed",
                                        "semester \(semester) is closed for class \(schoolClass.name); the school can reopen it")
            }
            let members = try await PrimaryClass.membersByCode(db, schoolClass)
            var errors = ValidationCollector()
            var updates: [(ClassMembership.Member, Assessment)] = []
            var seen = Set<String>()
            for (index, item) in input.items.enumerated() {
                let field = "items/\(index)"
                guard let member = PrimaryClass.member(item.learnerCode, in: members, schoolClass, field: field, seen: &seen, errors: &errors) else {
                    continue
                }
                updates.append((member, Self.assessment(item, subject: subject, grade: schoolClass.grade, field: field, errors: &errors)))
            }
            try errors.check()
            let stored = try await Self.stored(db, learnerIDs: updates.map(\.0.learnerID), year: schoolClass.schoolYear,
                                               subject: subject.code, semester: semester)
            var changed = 0
            for (member, assessment) in updates where (stored[member.learnerID] ?? Assessment()) != assessment {
                try await Self.save(db, assessment, member: member, schoolClass: schoolClass, subject: subject.code, semester: semester,
                                    principal: principal)
                changed += 1
            }
            if changed > 0 {
                try await AuditLog.record(db, principal: principal, action: .update, resource: "primary_assessments", recordID: schoolClass.id,
                                          orgID: schoolClass.orgID, detail: "\(subject.code) semester \(semester): \(changed) pupils")
            }
            return try await Self.page(db, schoolClass, subject: subject, semester: semester)
        }
        return try JSONResponse.encode(page)
    }

    /// The stored form of one pupil's input, every problem added under `field`.
    static func assessment(_ input: Input, subject: PrimarySubject, grade: String, field: String,
                           errors: inout ValidationCollector) -> Assessment {
        var assessment = Assessment()
        if let text = input.rating?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let rating = PrimaryRatingText.subjectRating(text) {
                assessment.rating = rating.code
            } else {
                errors.add("\(field)/rating", "primary.rating",
                           "'\(text)' is not a rating: Hoàn thành tốt (HTT), Hoàn thành (HT) or Chưa hoàn thành (CHT)")
            }
        }
        if let text = input.testScore?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if !subject.hasTest {
                errors.add("\(field)/testScore", "primary.noTest", "\(subject.nameVI) has no periodic test in grade \(grade)")
            } else {
                do {
                    assessment.testScore = try PrimaryTestScore.parse(text).points
                } catch {
                    errors.add("\(field)/testScore", error.code, "'\(text)': \(error.messageVI) / \(error.messageEN)")
                }
            }
        }
        assessment.comment = PrimaryRatingText.comment(input.comment, field: "\(field)/comment", errors: &errors)
        return assessment
    }

    static func page(_ db: any SQLDatabase, _ schoolClass: ClassMembership.ClassInfo, subject: PrimarySubject,
                     semester: String) async throws -> Page {
        let members = try await ClassMembership.activeMembers(db, classID: schoolClass.id)
        let stored = try await stored(db, learnerIDs: members.map(\.learnerID), year: schoolClass.schoolYear, subject: subject.code,
                                      semester: semester)
        let rows = members.map { member in
            let assessment = stored[member.learnerID] ?? Assessment()
            return Row(learnerId: member.learnerID, learnerCode: member.learnerCode, fullName: member.fullName,
                       rating: assessment.rating, testScore: assessment.testScore, comment: assessment.comment)
        }
        return Page(classId: schoolClass.id, className: schoolClass.name, schoolYear: schoolClass.schoolYear, subject: subject,
                    semester: semester, ruleSet: GradingRuleSet.circular27_2020.code,
                    closed: try await GradebookController.isClosed(db, classID: schoolClass.id, semester: semester), items: rows)
    }

    /// Stored assessments of the pupils for one subject and semester, by learner ID.
    static func stored(_ db: any SQLDatabase, learnerIDs: [String], year: String, subject: String,
                       semester: String) async throws -> [String: Assessment] {
        guard !learnerIDs.isEmpty else { return [:] }
        var found: [String: Assessment] = [:]
        for row in try await db.raw("""
            SELECT learner_id, rating, test_score, comment FROM primary_subject_assessments
            WHERE school_year = \(bind: year) AND subject_code = \(bind: subject) AND semester = \(bind: semester)
              AND learner_id IN (\(binds: learnerIDs))
            """).all() {
            found[try row.decode(column: "learner_id", as: String.self)] = Assessment(
                rating: try row.decode(column: "rating", as: String?.self),
                testScore: try row.decode(column: "test_score", as: Int?.self),
                comment: try row.decode(column: "comment", as: String?.self))
        }
        return found
    }

    /// Stores (or, when emptied, removes) one pupil's assessment and publishes the change.
    static func save(_ db: any SQLDatabase, _ assessment: Assessment, member: ClassMembership.Member, schoolClass: ClassMembership.ClassInfo,
                     subject: String, semester: String, principal: Principal) async throws {
        let key = "\(member.learnerCode)|\(schoolClass.schoolYear)|\(subject)|\(semester)"
        if assessment.isEmpty {
            try await db.raw("""
                DELETE FROM primary_subject_assessments WHERE learner_id = \(bind: member.learnerID)
                  AND school_year = \(bind: schoolClass.schoolYear) AND subject_code = \(bind: subject) AND semester = \(bind: semester)
                """).run()
        } else {
            try await db.raw("""
                INSERT INTO primary_subject_assessments (learner_id, school_year, semester, subject_code, class_id, org_id, rating,
                                                         test_score, comment, updated_by, updated_at)
                VALUES (\(bind: member.learnerID), \(bind: schoolClass.schoolYear), \(bind: semester), \(bind: subject),
                        \(bind: schoolClass.id), \(bind: schoolClass.orgID), \(bind: assessment.rating), \(bind: assessment.testScore),
                        \(bind: assessment.comment), \(bind: principal.name), \(bind: Clock.timestamp()))
                ON CONFLICT (learner_id, school_year, semester, subject_code) DO UPDATE SET
                    class_id = excluded.class_id, org_id = excluded.org_id, rating = excluded.rating, test_score = excluded.test_score,
                    comment = excluded.comment, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).run()
        }
        _ = try await ChangeFeed.append(db, resource: "primary_assessments", recordID: key, orgID: schoolClass.orgID,
                                        kind: assessment.isEmpty ? .delete : .upsert, naturalKey: key)
    }

    /// The subject and semester named in the query, checked against the class's grade.
    static func target(_ request: Request, _ schoolClass: ClassMembership.ClassInfo) throws -> (PrimarySubject, String) {
        let semester = try PrimaryClass.semester(request, schoolClass)
        guard let code = request.uri.queryParameters["subject"].map(String.init),
              let subject = PrimaryCatalogue.subject(code: code, grade: schoolClass.grade) else {
            let known = PrimaryCatalogue.subjects(grade: schoolClass.grade).map(\.code).joined(separator: ", ")
            throw APIError.malformed(field: "subject", "subject is one of \(known) for grade \(schoolClass.grade)")
        }
        return (subject, semester)
    }
}
