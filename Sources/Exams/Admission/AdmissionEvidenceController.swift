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
        catalog.add(APIRoute(.get, "/api/v1/exam-registrations/{id}/admission-evidence",
                             summary: "A candidate's admission evidence besides exam scores", tag: "Admissions", response: "AdmissionEvidence"), get)
    }

    @Sendable func put(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let data = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        let update = try JSON.decodeStrict(AdmissionEvidence.self, from: data, allowedFields: AdmissionEvidence.fields)
        let stored = try await database.transaction { db in
            let (registration, orgID) = try await RegistrationsController.load(db, id: id, principal: principal)
            if update.hasBoardParts {
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
            let codes = Set(update.directPrograms?.map(WishesController.code) ?? [])
            let checked = try update.checked(programs: try await ProgramsController.named(db, seasonID: registration.seasonId, codes: codes))
            let evidence = try await AdmissionEvidence.load(db, registrationID: id).merging(checked)
            try await evidence.store(db, registration: registration, by: principal)
            try await AuditLog.record(db, principal: principal, action: .update, resource: "admission_evidence", recordID: id, orgID: orgID,
                                      detail: update.partsSent.joined(separator: ","))
            return evidence
        }
        return try JSONResponse.encode(stored)
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
