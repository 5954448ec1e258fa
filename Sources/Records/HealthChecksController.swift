import Foundation
import Hummingbird
import Platform
import Registry
import SQLKit

/// Periodic health checks of learners (khám sức khỏe định kỳ): growth with BMI-for-age, vision,
/// teeth, conditions and vaccinations. Only holders of health:read see them, and every read is
/// written to the audit log.
struct HealthChecksController {
    let database: any Database
    let registry: RegistryService

    struct Vaccination: Codable, Sendable, Equatable {
        let vaccine: String
        let date: CivilDate
    }

    struct Input: Codable, Sendable {
        let checkedOn: CivilDate
        let heightCm: Double?
        let weightKg: Double?
        let visionLeft: String?
        let visionRight: String?
        let dental: String?
        let conditions: [String]?
        let vaccinations: [Vaccination]?
        let notes: String?
    }

    struct HealthCheck: Codable, Sendable {
        let id: String
        let learnerId: String
        let learnerCode: String
        let checkedOn: CivilDate
        let ageMonths: Int?
        let heightCm: Double?
        let weightKg: Double?
        let bmi: Double?
        let bmiForAgeZ: Double?
        let bmiCategory: String?
        let visionLeft: String?
        let visionRight: String?
        let dental: String?
        let conditions: [String]
        let vaccinations: [Vaccination]
        let notes: String?
        let recordedBy: String
        let recordedAt: String
    }

    static let dentalStates = ["healthy", "caries", "treated", "gum_disease", "other"]

    func register(in catalog: APICatalog) {
        catalog.schema("HealthCheck", [
            FieldSpec("id", .uuid, readOnly: true, "Check ID"),
            FieldSpec("checkedOn", .date, required: true, "Date of the check"),
            FieldSpec("heightCm", .number, "Height in centimetres (one decimal)"),
            FieldSpec("weightKg", .number, "Weight in kilograms (one decimal)"),
            FieldSpec("bmi", .number, readOnly: true, "Body-mass index, kg/m²"),
            FieldSpec("bmiForAgeZ", .number, readOnly: true, "BMI-for-age z-score (WHO 2006 under 5, WHO 2007 from 5 to 19)"),
            FieldSpec("bmiCategory", .string, readOnly: true, "thin, normal, overweight, obese… by the WHO cut-offs for the age"),
            FieldSpec("visionLeft", .string, "Visual acuity, left eye, e.g. 10/10"),
            FieldSpec("visionRight", .string, "Visual acuity, right eye"),
            FieldSpec("dental", .enumeration(Self.dentalStates), "Teeth"),
            FieldSpec("conditions", .array(.string), "Conditions found or known"),
            FieldSpec("vaccinations", .array(.object([FieldSpec("vaccine", .string, required: true, "Vaccine"),
                                                      FieldSpec("date", .date, required: true, "Date given")])), "Vaccinations recorded at the check"),
            FieldSpec("notes", .string, "Notes"),
        ])
        catalog.add(APIRoute(.get, "/api/v1/learners/{id}/health-checks", summary: "A learner's health checks (health:read; every read is audited)",
                             tag: "Health", response: "HealthCheck", page: true), list)
        catalog.add(APIRoute(.post, "/api/v1/learners/{id}/health-checks", summary: "Record a health check (health:write)",
                             tag: "Health", request: "HealthCheck", response: "HealthCheck"), record)
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let learner = try await LearnerDirectory.visibleLearner(registry, id: try context.parameters.require("id"), principal: principal)
        let checks = try await self.checks(of: learner, principal: principal)
        return JSONResponse.page(items: try checks.map { try JSON.string($0) }, nextPageToken: nil)
    }

    /// The learner's checks, newest first, for a holder of health:read at the learner's school; the
    /// read is written to the audit log.
    func checks(of learner: LearnerDirectory.Summary, principal: Principal) async throws -> [HealthCheck] {
        try await requireHealth(.healthRead, principal, learner)
        let checks = try await database.read { db in
            try await db.raw("""
                SELECT body FROM health_checks WHERE learner_id = \(bind: learner.id) ORDER BY checked_on DESC, recorded_at DESC
                """).all().map { try JSON.decoder.decode(HealthCheck.self, from: Data(try $0.decode(column: "body", as: String.self).utf8)) }
        }
        try await database.audit.record(principal: principal, action: .readSensitive, resource: "health_checks", recordID: learner.id,
                                        orgID: learner.orgID, detail: "\(checks.count) health checks of \(learner.learnerCode)")
        return checks
    }

    @Sendable func record(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let learner = try await LearnerDirectory.visibleLearner(registry, id: try context.parameters.require("id"), principal: principal)
        let data = Data(buffer: try await request.body.collect(upTo: 64 * 1024))
        let input = try JSON.decodeStrict(Input.self, from: data, allowedFields: [
            "checkedOn", "heightCm", "weightKg", "visionLeft", "visionRight", "dental", "conditions", "vaccinations", "notes"],
            itemFields: ["vaccinations": ["vaccine", "date"]])
        let check = try await store(input, for: learner, principal: principal)
        return JSONResponse.raw(try JSON.string(check), status: .created)
    }

    /// Checks and stores a health check, for a holder of health:write at the learner's school.
    func store(_ input: Input, for learner: LearnerDirectory.Summary, principal: Principal) async throws -> HealthCheck {
        try await requireHealth(.healthWrite, principal, learner)
        let check = try Self.validated(input, learner: learner, by: principal)
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO health_checks (id, learner_id, org_id, checked_on, body, recorded_by, recorded_at)
                VALUES (\(bind: check.id), \(bind: learner.id), \(bind: learner.orgID), \(bind: check.checkedOn.description),
                        \(bind: try JSON.string(check)), \(bind: principal.name), \(bind: check.recordedAt))
                """).run()
            try await AuditLog.record(db, principal: principal, action: .create, resource: "health_checks", recordID: learner.id,
                                      orgID: learner.orgID, detail: "health check of \(check.checkedOn)")
        }
        return check
    }

    private func requireHealth(_ permission: Permission, _ principal: Principal, _ learner: LearnerDirectory.Summary) async throws {
        let allowed = try await database.read { db in
            try await OrgTree.isWithin(db, nodeID: learner.orgID, roots: principal.nodes(for: permission))
        }
        guard allowed else { throw APIError.forbidden("health checks need \(permission.rawValue) at the learner's school") }
    }

    /// Checks every field, and derives BMI and BMI-for-age.
    static func validated(_ input: Input, learner: LearnerDirectory.Summary, by principal: Principal) throws -> HealthCheck {
        var errors = ValidationCollector()
        if input.checkedOn > Clock.today() { errors.add("checkedOn", "date.future", "the check cannot be in the future") }
        if let born = learner.dateOfBirth, input.checkedOn < born {
            errors.add("checkedOn", "date.beforeBirth", "the check cannot be before the learner's birth (\(born))")
        }
        if let height = input.heightCm, !(40...220).contains(height) { errors.add("heightCm", "height.range", "height is 40–220 cm") }
        if let weight = input.weightKg, !(2...200).contains(weight) { errors.add("weightKg", "weight.range", "weight is 2–200 kg") }
        for (field, value) in [("visionLeft", input.visionLeft), ("visionRight", input.visionRight)] {
            if let value, value.range(of: #"^(10|[1-9])/10$"#, options: .regularExpression) == nil {
                errors.add(field, "vision.format", "visual acuity is written n/10, with n from 1 to 10")
            }
        }
        if let dental = input.dental, !dentalStates.contains(dental) {
            errors.add("dental", "dental.invalid", "dental is one of \(dentalStates.joined(separator: ", "))")
        }
        for (index, vaccination) in (input.vaccinations ?? []).enumerated() where vaccination.date > input.checkedOn {
            errors.add("vaccinations/\(index)/date", "date.afterCheck", "a vaccination recorded at the check cannot come after it")
        }
        try errors.check()

        let rounded = { (value: Double, places: Double) in (value * places).rounded() / places }
        var bmi: Double?
        var assessment: GrowthReference.Assessment?
        var ageMonths: Int?
        if let born = learner.dateOfBirth {
            ageMonths = input.checkedOn.completedMonths(since: born)
        }
        if let height = input.heightCm, let weight = input.weightKg {
            let value = weight / ((height / 100) * (height / 100))
            bmi = rounded(value, 10)
            if let born = learner.dateOfBirth, let months = ageMonths, let sex = learner.sex {
                assessment = GrowthReference.bmiForAge(bmi: value, male: sex == "male",
                                                       ageDays: input.checkedOn.daysSinceEpoch - born.daysSinceEpoch, ageMonths: months)
            }
        }
        return HealthCheck(id: UUIDv7.make(), learnerId: learner.id, learnerCode: learner.learnerCode, checkedOn: input.checkedOn,
                           ageMonths: ageMonths, heightCm: input.heightCm.map { rounded($0, 10) }, weightKg: input.weightKg.map { rounded($0, 10) },
                           bmi: bmi, bmiForAgeZ: assessment.map { rounded($0.zScore, 100) }, bmiCategory: assessment?.category.rawValue,
                           visionLeft: input.visionLeft, visionRight: input.visionRight, dental: input.dental,
                           conditions: (input.conditions ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                           vaccinations: input.vaccinations ?? [], notes: input.notes, recordedBy: principal.name, recordedAt: Clock.timestamp())
    }
}
