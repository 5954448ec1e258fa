import Foundation
import Platform
import Registry

/// A learner's health checks as the school's health officer's page shows and records them: the
/// rights, checks, derived BMI-for-age and audit of `/api/v1/learners/{id}/health-checks`.
public struct HealthSheets: Sendable {
    let controller: HealthChecksController

    public init(database: any Database, registry: RegistryService) {
        controller = HealthChecksController(database: database, registry: registry)
    }

    public struct Sheet: Sendable {
        public let learnerID: String
        public let learnerCode: String
        public let fullName: String
        public let dateOfBirth: CivilDate?
        /// Newest first.
        public let checks: [Check]
    }

    public struct Check: Sendable {
        public let checkedOn: CivilDate
        public let heightCm: Double?
        public let weightKg: Double?
        public let bmi: Double?
        public let bmiForAgeZ: Double?
        /// thin, normal, overweight, obese… by the WHO cut-offs for the age.
        public let bmiCategory: String?
        public let visionLeft: String?
        public let visionRight: String?
        public let dental: String?
        public let conditions: [String]
        public let recordedBy: String
    }

    /// What a form records; vaccinations are recorded through the API.
    public struct Entry: Sendable {
        public let checkedOn: CivilDate
        public let heightCm: Double?
        public let weightKg: Double?
        public let visionLeft: String?
        public let visionRight: String?
        public let dental: String?
        public let conditions: [String]
        public let notes: String?

        public init(checkedOn: CivilDate, heightCm: Double?, weightKg: Double?, visionLeft: String?, visionRight: String?, dental: String?,
                    conditions: [String], notes: String?) {
            self.checkedOn = checkedOn
            self.heightCm = heightCm
            self.weightKg = weightKg
            self.visionLeft = visionLeft
            self.visionRight = visionRight
            self.dental = dental
            self.conditions = conditions
            self.notes = notes
        }
    }

    public static let dentalStates = HealthChecksController.dentalStates

    /// The learner's checks, for health:read at their school (403 otherwise, 404 for a learner out
    /// of sight); the read is audited.
    public func sheet(learnerID: String, principal: Principal) async throws -> Sheet {
        let learner = try await LearnerDirectory.visibleLearner(controller.registry, id: learnerID, principal: principal)
        return Self.sheet(learner, try await controller.checks(of: learner, principal: principal))
    }

    /// Records a check (health:write), then the sheet. Field errors name the API's fields.
    public func record(_ entry: Entry, learnerID: String, principal: Principal) async throws -> Sheet {
        let learner = try await LearnerDirectory.visibleLearner(controller.registry, id: learnerID, principal: principal)
        let input = HealthChecksController.Input(checkedOn: entry.checkedOn, heightCm: entry.heightCm, weightKg: entry.weightKg,
                                                 visionLeft: entry.visionLeft, visionRight: entry.visionRight, dental: entry.dental,
                                                 conditions: entry.conditions, vaccinations: nil, notes: entry.notes)
        _ = try await controller.store(input, for: learner, principal: principal)
        return Self.sheet(learner, try await controller.checks(of: learner, principal: principal))
    }

    private static func sheet(_ learner: LearnerDirectory.Summary, _ checks: [HealthChecksController.HealthCheck]) -> Sheet {
        Sheet(learnerID: learner.id, learnerCode: learner.learnerCode, fullName: learner.fullName, dateOfBirth: learner.dateOfBirth,
              checks: checks.map {
                  Check(checkedOn: $0.checkedOn, heightCm: $0.heightCm, weightKg: $0.weightKg, bmi: $0.bmi, bmiForAgeZ: $0.bmiForAgeZ,
                        bmiCategory: $0.bmiCategory, visionLeft: $0.visionLeft, visionRight: $0.visionRight, dental: $0.dental,
                        conditions: $0.conditions, recordedBy: $0.recordedBy)
              })
    }
}
