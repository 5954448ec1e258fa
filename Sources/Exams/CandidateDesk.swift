import ExamRules
import Fees
import Foundation
import Platform

/// A signed-in candidate's own exam, for their pages: the registration, its fees, the result, the
/// wishes and the admission, and the actions open to them now. Every read and action goes through
/// the same functions, rights and season windows as the API's routes.
public struct CandidateDesk: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public struct Overview: Sendable {
        public let registrationID: String
        public let fullName: String
        public let citizenID: String
        public let dateOfBirth: CivilDate
        public let schoolCode: String?
        public let className: String?
        public let subjects: [String]
        /// Under the 2018 programme, the two electives beside Mathematics and Literature can be chosen
        /// here; the 2006 programme's fixed set is changed by the school.
        public let choosesElectives: Bool
        public let foreignLanguage: String?
        /// submitted, or confirmed by the school (or the board).
        public let confirmed: Bool
        public let examYear: Int
        public let seasonName: String
        public let registrationCloses: String
        public let wishesClose: String?
        public let confirmationCloses: String?
        public let registrationOpen: Bool
        public let wishesOpen: Bool
        /// After wishes close, before the clearing's result is confirmed: the wishes' fee is paid then.
        public let wishFeePayable: Bool
        public let confirmationOpen: Bool
        public let forAdmission: Bool
        public let registrationFee: Fee?
        public let wishFee: Fee?
        /// Nil until results are published and computed.
        public let result: Result?
        public let wishes: [Wish]
        /// The season's programmes, while wishes are open.
        public let programs: [Program]
        /// Nil until the clearing has run.
        public let admission: Admission?
    }

    public struct Fee: Sendable {
        public let amountVND: Int
        public let paid: Bool
    }

    public struct Result: Sendable {
        public let scores: [(subject: String, score: Points)]
        public let graduationScore: Points
        public let passed: Bool
    }

    public struct Wish: Sendable {
        public let rank: Int
        public let programCode: String
        public let programName: String
    }

    public struct Program: Sendable {
        public let code: String
        public let name: String
    }

    public struct Admission: Sendable {
        public let programCode: String?
        public let programName: String?
        public let score: Points?
        /// The admission method that gave the score: exam, transcript, competency or direct.
        public let method: String?
        public let confirmed: Bool
    }

    public enum FeeKind: String, Sendable {
        case registration, wishes
    }

    /// The candidate's own exam; 404 for an account that is not a candidate's.
    public func overview(principal: Principal) async throws -> Overview {
        let id = try registrationID(of: principal)
        return try await database.read { db in
            let (registration, _) = try await RegistrationsController.load(db, id: id, principal: principal)
            let season = try await ExamSeasonsController.load(db, id: registration.seasonId)
            let paid = try await FeeOrders.paidReferences(db, purpose: RegistrationsController.feePurpose, among: [id])
            let wishesPaid = try await FeeOrders.paidReferences(db, purpose: WishesController.feePurpose, among: [id])
            let wishes = try await WishesController.wishes(db, of: registration)
            var result: Result?
            if season.resultsArePublished, let text = try await ScoresController.storedResult(db, registrationID: id) {
                let stored = try JSON.decoder.decode(ExamResult.self, from: Data(text.utf8))
                result = Result(scores: stored.subjects.map { ($0.code, $0.score) }, graduationScore: stored.graduationScore, passed: stored.passed)
            }
            let programs = season.isOpen(.wishes) ? try await ProgramsController.all(db, seasonID: registration.seasonId) : []
            let admission = try await ClearingController.outcome(db, of: registration).map {
                Admission(programCode: $0.programCode, programName: $0.programName, score: $0.score, method: $0.method?.rawValue,
                          confirmed: $0.confirmed)
            }
            return Overview(
                registrationID: id, fullName: registration.fullName, citizenID: registration.citizenId, dateOfBirth: registration.dateOfBirth,
                schoolCode: registration.schoolCode, className: registration.className, subjects: registration.subjects,
                choosesElectives: registration.programme == .p2018, foreignLanguage: registration.foreignLanguage,
                confirmed: registration.status == "confirmed", examYear: season.examYear, seasonName: season.name,
                registrationCloses: season.registrationCloses, wishesClose: season.wishesClose, confirmationCloses: season.confirmationCloses,
                registrationOpen: season.isOpen(.registration), wishesOpen: season.isOpen(.wishes),
                wishFeePayable: season.isOpen(.clearing) && admission == nil, confirmationOpen: season.isOpen(.confirmation),
                forAdmission: registration.purposes.contains("admission"),
                registrationFee: season.registrationFeeVND.map { Fee(amountVND: $0, paid: paid.contains(id)) },
                wishFee: season.wishFeeVND.flatMap { fee in wishes.isEmpty ? nil : Fee(amountVND: fee * wishes.count, paid: wishesPaid.contains(id)) },
                result: result, wishes: wishes.map { Wish(rank: $0.rank, programCode: $0.programCode, programName: $0.programName) },
                programs: programs.map { Program(code: $0.code, name: $0.name) }, admission: admission)
        }
    }

    /// The electives a candidate of the 2018 programme chooses from, and the languages of the exam.
    public static let electives = ExamSubjects.electives2018
    public static let languages = ExamSubjects.languages

    /// Changes the candidate's two electives (and the language, when one is NGOAINGU) while
    /// registration is open; the school confirms the registration again. Field errors name
    /// `subjects` or `foreignLanguage`.
    public func chooseElectives(_ electives: [String], foreignLanguage: String?, principal: Principal) async throws {
        let id = try registrationID(of: principal)
        var choices = RegistrationInput()
        choices.subjects = ExamSubjects.compulsory + electives
        choices.foreignLanguage = foreignLanguage
        let input = choices
        _ = try await database.transaction { db in try await RegistrationsController.update(db, id: id, input, principal: principal) }
    }

    /// Opens (or returns the open) order for one of the candidate's fees; its ID, to pay at the gateway.
    public func openFeeOrder(_ kind: FeeKind, principal: Principal) async throws -> String {
        let id = try registrationID(of: principal)
        return try await database.transaction { db in
            switch kind {
            case .registration: try await RegistrationsController.openFeeOrder(db, registrationID: id, principal: principal).id
            case .wishes: try await WishesController.openFeeOrder(db, registrationID: id, principal: principal).id
            }
        }
    }

    /// Replaces the candidate's wishes: programme codes, first wish first. Field errors name
    /// `programs/N`, N being the position in `programs`.
    public func placeWishes(_ programs: [String], principal: Principal) async throws {
        let id = try registrationID(of: principal)
        _ = try await database.transaction { db in try await WishesController.place(db, registrationID: id, programs: programs, principal: principal) }
    }

    public func confirmAdmission(principal: Principal) async throws {
        let id = try registrationID(of: principal)
        _ = try await database.transaction { db in try await ClearingController.confirm(db, registrationID: id, principal: principal) }
    }

    private func registrationID(of principal: Principal) throws -> String {
        guard let id = principal.examRegistrationID else { throw APIError.notFound }
        return id
    }
}
