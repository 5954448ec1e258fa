import Foundation
import Grading
import Hummingbird
import Platform
import Registry
import SQLKit

/// Conduct and attendance for the year, and the year results the rules derive from everything
/// entered: subject averages, learning level, promotion decision and award.
struct YearResultsController {
    let database: any Database
    let registry: RegistryService

    struct ConductInput: Codable, Sendable {
        let learnerCode: String
        let conductSemester1: String?
        let conductSemester2: String?
        let conductYear: String?
        let absentSessions: Int?
    }

    struct ConductRequest: Codable { let items: [ConductInput] }

    struct ConductRow: Codable, Sendable {
        let learnerId: String
        let learnerCode: String
        let fullName: String
        let conductSemester1: String?
        let conductSemester2: String?
        let conductYear: String?
        let absentSessions: Int
    }

    struct Problem: Codable, Sendable {
        let learnerCode: String
        let fullName: String
        let reason: String
    }

    struct ComputeAnswer: Codable, Sendable {
        let computed: Int
        let items: [YearResult]
        let problems: [Problem]
    }

    func register(in catalog: APICatalog) {
        let conductItem = FieldSpec("items", .array(.object([
            FieldSpec("learnerCode", .string, required: true, "Learner"),
            FieldSpec("conductSemester1", .enumeration(ConductRating.allCases.map(\.code)), "Conduct, semester I"),
            FieldSpec("conductSemester2", .enumeration(ConductRating.allCases.map(\.code)), "Conduct, semester II"),
            FieldSpec("conductYear", .enumeration(ConductRating.allCases.map(\.code)), "Conduct for the year"),
            FieldSpec("absentSessions", .integer, "Sessions absent in the year, excused or not"),
        ])), required: true, "One row per learner")
        catalog.schema("ConductEntries", [conductItem])
        catalog.schema("YearResults", [FieldSpec("computed", .integer, readOnly: true, "Learners whose results were computed"),
                                       FieldSpec("items", .array(.object([])), readOnly: true, "Results"),
                                       FieldSpec("problems", .array(.object([])), readOnly: true, "Learners whose results could not be computed, and why")])
        catalog.add(APIRoute(.get, "/api/v1/classes/{id}/conduct", summary: "Conduct and attendance of the class's learners",
                             tag: "Learning records", response: "ConductEntries"), showConduct)
        catalog.add(APIRoute(.put, "/api/v1/classes/{id}/conduct", summary: "Enter conduct and attendance (the homeroom teacher, or the school)",
                             tag: "Learning records", request: "ConductEntries", response: "ConductEntries"), enterConduct)
        catalog.add(APIRoute(.get, "/api/v1/classes/{id}/year-results", summary: "The class's stored year results",
                             tag: "Learning records", response: "YearResults"), showResults)
        catalog.add(APIRoute(.post, "/api/v1/classes/{id}/year-results", summary: "Compute year results, promotion and awards from the entries",
                             tag: "Learning records", response: "YearResults"), compute)
        catalog.schema("SummerResults", [FieldSpec("items", .array(.object([
            FieldSpec("learnerCode", .string, required: true, "Learner sent to the summer"),
            FieldSpec("reassessments", .array(.object([FieldSpec("subjectCode", .string, required: true, "Subject re-assessed"),
                                                       FieldSpec("result", .string, required: true, "Score, or Đ / CĐ")])),
                      "Summer re-assessment results (kiểm tra lại)"),
            FieldSpec("conductAfterTraining", .enumeration(ConductRating.allCases.map(\.code)), "Conduct after summer training"),
        ])), required: true, "One row per learner")])
        catalog.add(APIRoute(.post, "/api/v1/classes/{id}/year-results/summer",
                             summary: "Record summer re-assessment and conduct training; the year is decided again",
                             tag: "Learning records", request: "SummerResults", response: "YearResults"), summer)
    }

    struct SummerInput: Codable, Sendable {
        struct Reassessed: Codable, Sendable { let subjectCode: String; let result: String }
        let learnerCode: String
        let reassessments: [Reassessed]?
        let conductAfterTraining: String?
    }

    struct SummerRequest: Codable { let items: [SummerInput] }

    /// After the summer the year is decided again from the end-of-year result plus what the summer
    /// brought; the end-of-year result is recomputed from the entries, so nothing else is trusted.
    @Sendable func summer(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        if PrimaryCatalogue.isPrimary(grade: schoolClass.grade) {
            throw APIError.conflict(field: nil, code: "yearResults.primarySummer",
                                    "primary pupils have no summer re-assessment: enter the supplementary assessment as semester II ratings and compute again")
        }
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(SummerRequest.self, from: data, allowedFields: ["items"],
                                          itemFields: ["items": ["learnerCode", "reassessments", "conductAfterTraining"]])
        let builder = YearResultBuilder(schoolClass: schoolClass, subjects: SubjectCatalogue.subjects(grade: schoolClass.grade))
        let answer = try await database.transaction { db in
            try await RecordsAccess.requireManage(db, principal, schoolClass)
            let members = Dictionary(try await ClassMembership.activeMembers(db, classID: schoolClass.id).map { ($0.learnerCode, $0) },
                                     uniquingKeysWith: { first, _ in first })
            let ids = input.items.compactMap { members[$0.learnerCode.uppercased()]?.learnerID }
            let conduct = try await Self.conduct(db, learnerIDs: ids, year: schoolClass.schoolYear)
            let entries = try await Self.yearEntries(db, learnerIDs: ids, year: schoolClass.schoolYear)
            var errors = ValidationCollector()
            var results: [YearResult] = []
            for (index, item) in input.items.enumerated() {
                guard let member = members[item.learnerCode.uppercased()] else {
                    errors.add("items/\(index)/learnerCode", "summer.notInClass", "learner '\(item.learnerCode)' is not enrolled in class \(schoolClass.name)")
                    continue
                }
                let computed: YearResultBuilder.Computed
                do {
                    computed = try builder.compute(entries: entries[member.learnerID] ?? [:], conduct: conduct[member.learnerID])
                } catch let missing as YearResultBuilder.Missing {
                    errors.add("items/\(index)/learnerCode", "summer.noYearResult", missing.reason)
                    continue
                }
                var reassessments: [Reassessment] = []
                for (position, reassessed) in (item.reassessments ?? []).enumerated() {
                    let field = "items/\(index)/reassessments/\(position)"
                    guard let subjectIndex = computed.subjects.firstIndex(where: { $0.code == reassessed.subjectCode.uppercased() }) else {
                        errors.add("\(field)/subjectCode", "summer.subject", "'\(reassessed.subjectCode)' is not one of the learner's subjects this year")
                        continue
                    }
                    let rules = try GradebookRules(subject: computed.subjects[subjectIndex], grade: Int(schoolClass.grade) ?? 0,
                                                   schoolYearStart: schoolClass.schoolYearStart)
                    let probe = rules.entry(from: GradebookRowInput(learnerCode: member.learnerCode, regular: nil, midTerm: reassessed.result,
                                                                    endOfTerm: nil), field: field, errors: &errors)
                    guard let value = probe.midTerm else { continue }
                    reassessments.append(Reassessment(subject: subjectIndex, value: computed.subjects[subjectIndex].commentOnly
                        ? .comment(CommentRating(code: value) ?? .chuaDat) : .score(try Score(value))))
                }
                var training: ConductRating?
                if let code = item.conductAfterTraining {
                    training = ConductRating(code: code)
                    if training == nil { errors.add("items/\(index)/conductAfterTraining", "conduct.invalid", "'\(code)' is not a conduct rating") }
                }
                do {
                    let after = try computed.result.afterSummer(reassessments: reassessments, conductAfterTraining: training)
                    results.append(builder.render(member, YearResultBuilder.Computed(subjects: computed.subjects, result: after)))
                } catch let error as GradingError {
                    errors.add("items/\(index)", error.code, builder.describe(error, subjects: computed.subjects))
                }
            }
            try errors.check()
            for result in results { try await Self.store(db, result, schoolClass: schoolClass, principal: principal) }
            try await AuditLog.record(db, principal: principal, action: .update, resource: "year_results", recordID: schoolClass.id,
                                      orgID: schoolClass.orgID, detail: "summer results for \(results.count) learners")
            return ComputeAnswer(computed: results.count, items: results, problems: [])
        }
        return try JSONResponse.encode(answer)
    }

    // MARK: conduct and attendance

    @Sendable func showConduct(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let rows = try await database.read { db in
            try await RecordsAccess.requireRead(db, principal, schoolClass)
            return try await Self.conductRows(db, schoolClass)
        }
        return try JSONResponse.encode(["items": rows])
    }

    static func conductRows(_ db: any SQLDatabase, _ schoolClass: ClassMembership.ClassInfo) async throws -> [ConductRow] {
        let members = try await ClassMembership.activeMembers(db, classID: schoolClass.id)
        let stored = try await conduct(db, learnerIDs: members.map(\.learnerID), year: schoolClass.schoolYear)
        return members.map { member in
            let row = stored[member.learnerID]
            return ConductRow(learnerId: member.learnerID, learnerCode: member.learnerCode, fullName: member.fullName,
                              conductSemester1: row?.conductSemester1, conductSemester2: row?.conductSemester2,
                              conductYear: row?.conductYear, absentSessions: row?.absentSessions ?? 0)
        }
    }

    static func conduct(_ db: any SQLDatabase, learnerIDs: [String], year: String) async throws -> [String: ConductInput] {
        guard !learnerIDs.isEmpty else { return [:] }
        var found: [String: ConductInput] = [:]
        for row in try await db.raw("""
            SELECT learner_id, conduct_semester1, conduct_semester2, conduct_year, absent_sessions FROM conduct_entries
            WHERE school_year = \(bind: year) AND learner_id IN (\(binds: learnerIDs))
            """).all() {
            found[try row.decode(column: "learner_id", as: String.self)] = ConductInput(
                learnerCode: "", conductSemester1: try row.decode(column: "conduct_semester1", as: String?.self),
                conductSemester2: try row.decode(column: "conduct_semester2", as: String?.self),
                conductYear: try row.decode(column: "conduct_year", as: String?.self),
                absentSessions: try row.decode(column: "absent_sessions", as: Int.self))
        }
        return found
    }

    @Sendable func enterConduct(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let input = try JSON.decodeStrict(ConductRequest.self, from: data, allowedFields: ["items"], itemFields: [
            "items": ["learnerCode", "conductSemester1", "conductSemester2", "conductYear", "absentSessions"]])
        let rows = try await storeConduct(input.items, schoolClass: schoolClass, principal: principal)
        return try JSONResponse.encode(["items": rows])
    }

    /// Stores the class's conduct and attendance entries, all or none: the API's and the web
    /// form's one path. A field left out (nil) keeps what is stored.
    func storeConduct(_ items: [ConductInput], schoolClass: ClassMembership.ClassInfo,
                      principal: Principal) async throws -> [ConductRow] {
        try await database.transaction { db in
            try await RecordsAccess.requireConductEntry(db, principal, schoolClass)
            let members = Dictionary(try await ClassMembership.activeMembers(db, classID: schoolClass.id).map { ($0.learnerCode, $0) },
                                     uniquingKeysWith: { first, _ in first })
            var errors = ValidationCollector()
            var accepted: [(ClassMembership.Member, ConductInput)] = []
            for (index, item) in items.enumerated() {
                guard let member = members[item.learnerCode.trimmingCharacters(in: .whitespaces).uppercased()] else {
                    errors.add("items/\(index)/learnerCode", "conduct.notInClass", "learner '\(item.learnerCode)' is not enrolled in class \(schoolClass.name)")
                    continue
                }
                func rating(_ value: String?, _ field: String) -> String? {
                    guard let value else { return nil }
                    guard let rating = ConductRating(code: value) else {
                        errors.add("items/\(index)/\(field)", "conduct.invalid",
                                   "'\(value)' is not a conduct rating: \(ConductRating.allCases.map(\.code).joined(separator: ", "))")
                        return nil
                    }
                    return rating.code
                }
                let absences = item.absentSessions
                if let absences, absences < 0 || absences > 400 {
                    errors.add("items/\(index)/absentSessions", "conduct.absences", "absent sessions is a count from 0 to 400")
                }
                accepted.append((member, ConductInput(learnerCode: member.learnerCode,
                                                      conductSemester1: rating(item.conductSemester1, "conductSemester1"),
                                                      conductSemester2: rating(item.conductSemester2, "conductSemester2"),
                                                      conductYear: rating(item.conductYear, "conductYear"), absentSessions: absences)))
                // A field left out keeps what is stored (see the upsert below).
            }
            try errors.check()
            for (member, entry) in accepted {
                try await db.raw("""
                    INSERT INTO conduct_entries (learner_id, school_year, class_id, org_id, conduct_semester1, conduct_semester2, conduct_year,
                                                 absent_sessions, updated_by, updated_at)
                    VALUES (\(bind: member.learnerID), \(bind: schoolClass.schoolYear), \(bind: schoolClass.id), \(bind: schoolClass.orgID),
                            \(bind: entry.conductSemester1), \(bind: entry.conductSemester2), \(bind: entry.conductYear),
                            \(bind: entry.absentSessions ?? 0), \(bind: principal.name), \(bind: Clock.timestamp()))
                    ON CONFLICT (learner_id, school_year) DO UPDATE SET
                        class_id = excluded.class_id, org_id = excluded.org_id,
                        conduct_semester1 = COALESCE(excluded.conduct_semester1, conduct_entries.conduct_semester1),
                        conduct_semester2 = COALESCE(excluded.conduct_semester2, conduct_entries.conduct_semester2),
                        conduct_year = COALESCE(excluded.conduct_year, conduct_entries.conduct_year),
                        absent_sessions = CASE WHEN \(bind: entry.absentSessions == nil ? 1 : 0) = 1
                                               THEN conduct_entries.absent_sessions ELSE excluded.absent_sessions END,
                        updated_by = excluded.updated_by, updated_at = excluded.updated_at
                    """).run()
                let key = "\(member.learnerCode)|\(schoolClass.schoolYear)"
                _ = try await ChangeFeed.append(db, resource: "conduct_entries", recordID: key, orgID: schoolClass.orgID, kind: .upsert,
                                                naturalKey: key)
            }
            try await AuditLog.record(db, principal: principal, action: .update, resource: "conduct", recordID: schoolClass.id,
                                      orgID: schoolClass.orgID, detail: "\(accepted.count) learners")
            return try await Self.conductRows(db, schoolClass)
        }
    }

    // MARK: year results

    @Sendable func showResults(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        let results = try await database.read { db in
            try await RecordsAccess.requireRead(db, principal, schoolClass)
            let members = try await ClassMembership.activeMembers(db, classID: schoolClass.id)
            guard !members.isEmpty else { return [YearResult]() }
            let rows = try await db.raw("""
                SELECT learner_id, body FROM year_results
                WHERE school_year = \(bind: schoolClass.schoolYear) AND learner_id IN (\(binds: members.map(\.learnerID)))
                """).all()
            var byLearner: [String: YearResult] = [:]
            for row in rows {
                byLearner[try row.decode(column: "learner_id", as: String.self)] =
                    try JSON.decoder.decode(YearResult.self, from: Data(try row.decode(column: "body", as: String.self).utf8))
            }
            return members.compactMap { byLearner[$0.learnerID] }
        }
        return try JSONResponse.encode(ComputeAnswer(computed: results.count, items: results, problems: []))
    }

    @Sendable func compute(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let schoolClass = try await ClassMembership.visibleClass(registry, id: try context.parameters.require("id"), principal: principal)
        if PrimaryCatalogue.isPrimary(grade: schoolClass.grade) {
            return try JSONResponse.encode(try await PrimaryYearResults(database: database).compute(schoolClass, principal: principal))
        }
        let subjects = SubjectCatalogue.subjects(grade: schoolClass.grade)
        guard !subjects.isEmpty else {
            throw APIError.conflict(field: nil, code: "yearResults.grade", "grade \(schoolClass.grade) has no year results")
        }
        let answer = try await database.transaction { db in
            try await RecordsAccess.requireManage(db, principal, schoolClass)
            let members = try await ClassMembership.activeMembers(db, classID: schoolClass.id)
            let conduct = try await Self.conduct(db, learnerIDs: members.map(\.learnerID), year: schoolClass.schoolYear)
            let entries = try await Self.yearEntries(db, learnerIDs: members.map(\.learnerID), year: schoolClass.schoolYear)
            let stored = try await YearResultDirectory.stored(db, learnerIDs: members.map(\.learnerID), year: schoolClass.schoolYear)
            var items: [YearResult] = []
            var problems: [Problem] = []
            for member in members {
                // Recomputing from the entries alone would drop what the summer decided.
                if stored[member.learnerID]?.stage == "after_summer" {
                    problems.append(Problem(learnerCode: member.learnerCode, fullName: member.fullName,
                                            reason: "decided after the summer: record the summer results again to change it / đã xét lại sau hè"))
                    continue
                }
                do {
                    let result = try YearResultBuilder(schoolClass: schoolClass, subjects: subjects)
                        .result(for: member, entries: entries[member.learnerID] ?? [:], conduct: conduct[member.learnerID])
                    try await Self.store(db, result, schoolClass: schoolClass, principal: principal)
                    items.append(result)
                } catch let problem as YearResultBuilder.Missing {
                    problems.append(Problem(learnerCode: member.learnerCode, fullName: member.fullName, reason: problem.reason))
                }
            }
            try await AuditLog.record(db, principal: principal, action: .update, resource: "year_results", recordID: schoolClass.id,
                                      orgID: schoolClass.orgID, detail: "computed \(items.count), not computable \(problems.count)")
            return ComputeAnswer(computed: items.count, items: items, problems: problems)
        }
        return try JSONResponse.encode(answer)
    }

    /// Every gradebook entry of the learners for the year: learner → "SUBJECT|semester" → entry.
    static func yearEntries(_ db: any SQLDatabase, learnerIDs: [String], year: String) async throws -> [String: [String: GradebookEntry]] {
        guard !learnerIDs.isEmpty else { return [:] }
        var found: [String: [String: GradebookEntry]] = [:]
        for row in try await db.raw("""
            SELECT learner_id, subject_code, semester, entries FROM gradebook_entries
            WHERE school_year = \(bind: year) AND learner_id IN (\(binds: learnerIDs))
            """).all() {
            let entry = try JSON.decoder.decode(GradebookEntry.self, from: Data(try row.decode(column: "entries", as: String.self).utf8))
            let key = "\(try row.decode(column: "subject_code", as: String.self))|\(try row.decode(column: "semester", as: String.self))"
            found[try row.decode(column: "learner_id", as: String.self), default: [:]][key] = entry
        }
        return found
    }

    static func store(_ db: any SQLDatabase, _ result: YearResult, schoolClass: ClassMembership.ClassInfo, principal: Principal) async throws {
        try await db.raw("""
            INSERT INTO year_results (learner_id, school_year, class_id, org_id, rule_set, learning_level, conduct, decision, award, body,
                                      computed_by, computed_at)
            VALUES (\(bind: result.learnerId), \(bind: result.schoolYear), \(bind: schoolClass.id), \(bind: schoolClass.orgID),
                    \(bind: result.ruleSet), \(bind: result.levelYear), \(bind: result.conduct ?? ""), \(bind: result.decision), \(bind: result.award),
                    \(bind: try JSON.string(result)), \(bind: principal.name), \(bind: Clock.timestamp()))
            ON CONFLICT (learner_id, school_year) DO UPDATE SET
                class_id = excluded.class_id, org_id = excluded.org_id, rule_set = excluded.rule_set, learning_level = excluded.learning_level,
                conduct = excluded.conduct, decision = excluded.decision, award = excluded.award, body = excluded.body,
                computed_by = excluded.computed_by, computed_at = excluded.computed_at
            """).run()
        let key = "\(result.learnerCode)|\(result.schoolYear)"
        _ = try await ChangeFeed.append(db, resource: "year_results", recordID: key, orgID: schoolClass.orgID, kind: .upsert, naturalKey: key)
    }
}
