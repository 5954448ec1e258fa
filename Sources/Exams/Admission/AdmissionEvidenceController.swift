import ExamRules
import Foundation
import Hummingbird
import Platform
import SQLKit

/// A candidate's admission evidence besides exam scores (`AdmissionEvidence`). The school that
/// registered the candidate (or the board over it) sends the transcript; test scores and direct
/// admission grants come from outside the school, so only the exam board sends them. Evidence is
/// fixed once the candidate has confirmed an admission.
struct AdmissionEvidenceController {
    let database: any Database

    func register(in catalog: APICatalog) {
        let subjects = (ExamSubjects.compulsory + ExamSubjects.electives2018).map { FieldSpec($0, .string, "Average over grades 10–12, on 10") }
        catalog.schema("AdmissionEvidence", [
            FieldSpec("transcript", .object(subjects), "School-record averages by exam subject (the registering school or the board)"),
            FieldSpec("tests", .object(CompetencyTest.allCases.map { FieldSpec($0.rawValue, .string, "Score out of \($0.maximum)") }),
                      "Competency test scores (the exam board)"),
            FieldSpec("directPrograms", .array(.string), "Programmes granting direct admission (the exam board)"),
        ])
        catalog.add(APIRoute(.put, "/api/v1/exam-registrations/{id}/admission-evidence",
                             summary: "Set a candidate's transcript averages, competency test scores or direct admissions; parts left out are kept",
                             tag: "Admissions", request: "AdmissionEvidence", response: "AdmissionEvidence"), put)
        catalog.add(APIRoute(.post, "/api/v1/exam-registrations/{id}/admission-evidence/transcript-from-records",
                             summary: "Set a school learner's transcript averages from their grade 10–12 year results held in NEMIS",
                             tag: "Admissions", response: "AdmissionEvidence"), transcriptFromRecords)
        catalog.add(APIRoute(.get, "/api/v1/exam-registrations/{id}/admission-evidence",
                             summary: "A candidate's admission evidence besides exam scores", tag: "Admissions", response: "AdmissionEvidence"), get)
    }

    @Sendable func put(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let update = try JSON.decodeStrict(AdmissionEvidence.self, from: data, allowedFields: AdmissionEvidence.fields)
        let stored = try await database.transaction { db in
            try await Self.update(db, registrationID: id, principal: principal, boardParts: update.hasBoardParts) { _ in update }
        }
        return try JSONResponse.encode(stored)
    }

    /// The transcript computed from the year results NEMIS holds (`TranscriptFromRecords`), for a
    /// school's learner, by the registering school or the board.
    @Sendable func transcriptFromRecords(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let stored = try await database.transaction { db in
            try await Self.update(db, registrationID: id, principal: principal, boardParts: false) { registration in
                guard let learnerCode = registration.learnerCode else {
                    throw APIError.conflict(field: nil, code: "evidence.freeCandidate",
                                            "\(registration.fullName) registered as a free candidate: NEMIS holds no school record to read")
                }
                let averages = try await TranscriptFromRecords.averages(db, learnerCode: learnerCode, fullName: registration.fullName)
                return AdmissionEvidence(transcript: averages, tests: nil, directPrograms: nil)
            }
        }
        return try JSONResponse.encode(stored)
    }

    /// Checks who may send what, then stores the registration's evidence with the parts `update`
    /// makes replaced, and audits it.
    static func update(_ db: any SQLDatabase, registrationID id: String, principal: Principal, boardParts: Bool,
                       _ update: (Registration) async throws -> AdmissionEvidence) async throws -> AdmissionEvidence {
        let (registration, orgID) = try await RegistrationsController.load(db, id: id, principal: principal)
        if boardParts {
            try await ExamsAccess.requireBoard(db, principal, orgID: orgID)
        } else {
            try await ExamsAccess.requireRegistrar(db, principal, orgID: orgID)
        }
        guard registration.purposes.contains("admission") else {
            throw APIError.conflict(field: nil, code: "evidence.purpose", "\(registration.fullName) did not register for admission")
        }
        if try await db.raw("SELECT 1 AS hit FROM admission_confirmations WHERE registration_id = \(bind: id)").first() != nil {
            throw APIError.conflict(field: nil, code: "evidence.confirmed",
                                    "\(registration.fullName) has confirmed an admission; the evidence it rests on no longer changes")
        }
        let sent = try await update(registration)
        let codes = Set(sent.directPrograms?.map(WishesController.code) ?? [])
        let checked = try sent.checked(programs: try await ProgramsController.named(db, seasonID: registration.seasonId, codes: codes))
        let evidence = try await AdmissionEvidence.load(db, registrationID: id).merging(checked)
        try await evidence.store(db, registration: registration, by: principal)
        try await AuditLog.record(db, principal: principal, action: .update, resource: "admission_evidence", recordID: id, orgID: orgID,
                                  detail: sent.partsSent.joined(separator: ","))
        return evidence
    }

    @Sendable func get(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let evidence = try await database.read { db in
            let (registration, _) = try await RegistrationsController.load(db, id: try context.parameters.require("id"), principal: principal)
            return try await AdmissionEvidence.load(db, registrationID: registration.id)
        }
        return try JSONResponse.encode(evidence)
    }
}
