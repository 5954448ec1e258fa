import Fees
import Foundation
import Hummingbird
import Platform
import SQLKit

/// The fee orders a candidate's registration carries (the registration fee, the wishes' fee): who
/// may open them (the candidate, their school or the board), and each fee paid once.
enum ExamFeeOrders {
    /// What is owed now, decided from the registration and its season; throws when nothing can be
    /// paid now (no fee, outside its window, no wishes).
    typealias Amount = @Sendable (Registration, ExamSeason, any SQLDatabase) async throws -> (vnd: Int, description: String)

    /// Opens (or returns the open) order of `purpose` for the registration.
    static func open(_ db: any SQLDatabase, registrationID: String, principal: Principal, purpose: String,
                     alreadyPaid: (Registration) -> APIError, amount: Amount) async throws -> FeeOrder {
        let (registration, orgID) = try await RegistrationsController.load(db, id: registrationID, principal: principal)
        try await ExamsAccess.requireCandidateOrRegistrar(db, principal, registrationID: registration.id, orgID: orgID)
        let season = try await ExamSeasonsController.load(db, id: registration.seasonId)
        let owed = try await amount(registration, season, db)
        do {
            return try await FeeOrders.create(db, purpose: purpose, referenceID: registration.id, amountVND: owed.vnd, payer: principal,
                                              description: owed.description)
        } catch FeeOrderError.alreadyPaid {
            throw alreadyPaid(registration)
        }
    }

    /// The route's answer: the order opened by `open` for the registration in the path, as JSON.
    static func respond(_ context: NEMISContext, database: any Database,
                        open: @escaping @Sendable (any SQLDatabase, String, Principal) async throws -> FeeOrder) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        return try JSONResponse.encode(try await database.transaction { db in try await open(db, id, principal) })
    }
}
