import Foundation
import Platform
import SQLKit

/// Registrations arrive in bursts before the deadline, a thousand a second nationwide. Written one
/// transaction each, every registration cost seven round trips to the database; through a
/// `GroupCommit` the registrations that arrive together are written in one transaction with a few
/// multi-row statements. Each is still checked on its own and answered on its own: a refused
/// registration does not hold back the others. (The checks run inside the batch: for a free
/// candidate they read nothing but the season, read once a batch; checked in each request's own
/// transaction, the burst ran at two thirds of the rate.)
enum RegistrationBatch {
    struct Request: Sendable {
        let seasonID: String
        let input: RegistrationInput
        let principal: Principal
    }

    /// At most this many registrations a transaction: its statements stay well inside the engines'
    /// limits on bound values (about 16 each).
    static let limit = 200

    static func writer(_ database: any Database) -> GroupCommit<Request, Registration> {
        GroupCommit(limit: limit) { requests in await write(requests, database: database) }
    }

    /// One transaction for the batch. Each registration is checked on its own (the checks only
    /// read); those that pass are stored together. If the database refuses the batch's insert (a
    /// registration stored by another server meanwhile), the batch is rolled back to its savepoint
    /// and each is written alone, to be answered with its own outcome.
    static func write(_ requests: [Request], database: any Database) async -> [Result<Registration, any Error>] {
        do {
            return try await database.transaction { db in
                var outcomes = [Result<Registration, any Error>?](repeating: nil, count: requests.count)
                var seasons: [String: ExamSeason] = [:]
                var accepted: [String: [(index: Int, new: RegistrationsController.NewRegistration)]] = [:]
                for (index, request) in requests.enumerated() {
                    do {
                        let season: ExamSeason
                        if let known = seasons[request.seasonID] {
                            season = known
                        } else {
                            season = try await ExamSeasonsController.load(db, id: request.seasonID)
                            seasons[request.seasonID] = season
                        }
                        let new = try await RegistrationsController.prepareNew(db, season: season, request.input, principal: request.principal)
                        accepted[request.seasonID, default: []].append((index, new))
                    } catch {
                        guard WriteFailureDetails.fieldErrors(error) != nil else { throw error }
                        outcomes[index] = .failure(error)
                    }
                }
                for (seasonID, candidates) in accepted {
                    let season = seasons[seasonID]!
                    var taken = try await RegistrationsController.registered(db, seasonID: seasonID, citizenIDs: candidates.map(\.new.registration.citizenId))
                    var fresh: [(index: Int, new: RegistrationsController.NewRegistration)] = []
                    for candidate in candidates {
                        // Registered before, or twice in this batch: the later one is the duplicate.
                        if !taken.insert(candidate.new.registration.citizenId).inserted {
                            outcomes[candidate.index] = .failure(candidate.new.duplicate(season))
                        } else {
                            fresh.append(candidate)
                        }
                    }
                    try await db.raw("SAVEPOINT registrations").run()
                    do {
                        try await RegistrationsController.store(db, fresh.map(\.new), season: season)
                        try await db.raw("RELEASE SAVEPOINT registrations").run()
                        for candidate in fresh { outcomes[candidate.index] = .success(candidate.new.registration) }
                    } catch where DatabaseErrors.isUniqueViolation(error) {
                        try await db.raw("ROLLBACK TO SAVEPOINT registrations").run()
                        try await db.raw("RELEASE SAVEPOINT registrations").run()
                        for candidate in fresh {
                            outcomes[candidate.index] = try await storeAlone(db, candidate.new, season: season)
                        }
                    }
                }
                return outcomes.map { $0! }
            }
        } catch {
            return requests.map { _ in .failure(error) }
        }
    }

    private static func storeAlone(_ db: any SQLDatabase, _ new: RegistrationsController.NewRegistration,
                                   season: ExamSeason) async throws -> Result<Registration, any Error> {
        try await db.raw("SAVEPOINT registration").run()
        do {
            try await RegistrationsController.store(db, [new], season: season)
            try await db.raw("RELEASE SAVEPOINT registration").run()
            return .success(new.registration)
        } catch where DatabaseErrors.isUniqueViolation(error) {
            try await db.raw("ROLLBACK TO SAVEPOINT registration").run()
            try await db.raw("RELEASE SAVEPOINT registration").run()
            return .failure(new.duplicate(season))
        }
    }
}
