import Foundation
import Platform
import SQLKit

/// Wishes are placed in the last days before `wishesClose`, by hundreds of thousands of candidates.
/// Through a `GroupCommit` the lists that arrive together are checked and written in one
/// transaction: the registrations, their seasons and the programmes the lists name are read once
/// for the batch, each list is checked on its own (and answered on its own), and the lists are
/// replaced with one statement each for the removal, the new wishes and the audit entries.
enum WishBatch {
    struct Request: Sendable {
        let registrationID: String
        let programs: [String]
        let principal: Principal
    }

    /// At most this many lists a transaction (15 wishes each at most, 4 values a wish).
    static let limit = 100

    /// Batches written at once; a registration's lists share a lane, so the last one sent stands.
    static let lanes = 2

    static func writer(_ database: any Database) -> GroupCommit<Request, [WishesController.Wish]> {
        GroupCommit(limit: limit, lanes: lanes, key: \.registrationID) { requests in await write(requests, database: database) }
    }

    static func write(_ requests: [Request], database: any Database) async -> [Result<[WishesController.Wish], any Error>] {
        do {
            return try await database.transaction { db in
                try await ReferenceReadCache.$current.withValue(ReferenceReadCache(writing: "admission_wishes", orgTreeIsStable: true)) {
                    try await write(requests, db: db)
                }
            }
        } catch {
            return requests.map { _ in .failure(error) }
        }
    }

    /// Inside the batch's transaction; whether a node lies in a caller's scope is asked once a
    /// batch (the `ReferenceReadCache` bound around it).
    private static func write(_ requests: [Request], db: any SQLDatabase) async throws -> [Result<[WishesController.Wish], any Error>] {
        var outcomes = [Result<[WishesController.Wish], any Error>?](repeating: nil, count: requests.count)
        let registrations = try await RegistrationsController.stored(db, ids: requests.map(\.registrationID), as: WishesController.Holder.self)
        var seasons: [String: ExamSeason] = [:]
        var named: [String: [String: WishesController.Choice]] = [:]
        let bySeason = Dictionary(grouping: requests.compactMap { registrations[$0.registrationID] }, by: { $0.0.seasonId })
        for (seasonID, members) in bySeason {
            seasons[seasonID] = try await ExamSeasonsController.load(db, id: seasonID)
            let ids = Set(members.map(\.0.id))
            let codes = Set(requests.filter { ids.contains($0.registrationID) }.flatMap { $0.programs.map(WishesController.code) })
            named[seasonID] = try await ProgramsController.named(db, seasonID: seasonID, codes: codes, as: WishesController.Choice.self)
        }
        // A registration's later list replaces its earlier one, as if they came one after the other.
        var latest: [String: WishesController.PlacedWishes] = [:]
        var order: [String] = []
        var placed: [WishesController.PlacedWishes] = []
        for (index, request) in requests.enumerated() {
            do {
                guard let stored = registrations[request.registrationID], let season = seasons[stored.0.seasonId] else { throw APIError.notFound }
                try await RegistrationsController.requireVisible(db, id: stored.0.id, orgID: stored.1, principal: request.principal)
                let list = try await WishesController.check(db, stored.0, orgID: stored.1, season: season, programs: request.programs,
                                                            named: named[season.id ?? ""] ?? [:], principal: request.principal)
                if latest[list.registration.id] == nil { order.append(list.registration.id) }
                latest[list.registration.id] = list
                placed.append(list)
                outcomes[index] = .success(list.wishes)
            } catch {
                guard WriteFailureDetails.fieldErrors(error) != nil else { throw error }
                outcomes[index] = .failure(error)
            }
        }
        try await WishesController.store(db, order.compactMap { latest[$0] }, placed: placed)
        return outcomes.map { $0! }
    }
}
