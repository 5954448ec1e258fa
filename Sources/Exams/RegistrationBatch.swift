import Foundation
import Platform
import SQLKit

/// Registrations arrive in bursts before the deadline, a thousand a second nationwide. Written one
/// transaction each, every registration cost seven round trips to the database; through a
/// `GroupCommit` the registrations that arrive together are written in one transaction with a few
/// multi-row statements. Each is still checked on its own and answered on its own: a refused
/// registration does not hold back the others. (A school's learner is checked inside the batch,
/// with what it reads; a free candidate's checks read nothing and run in the request, before the
/// batch. Checked in each request's own transaction, the burst ran at two thirds of the rate.)
enum RegistrationBatch {
    struct Request: Sendable {
        let seasonID: String
        let input: RegistrationInput
        let principal: Principal
        /// A free candidate's registration, checked before the batch (`prepareFree` reads
        /// nothing); the batch only checks the season's window.
        let checkedFree: RegistrationsController.NewRegistration?
    }

    /// At most this many registrations a transaction: its statements stay well inside the engines'
    /// limits on bound values (about 16 each).
    static let limit = 200

    /// Batches written at once. A candidate's requests share a lane; a school's learner and a free
    /// candidate with the same citizen ID may not, and the unique index settles that race (`store`).
    static let lanes = 2

    static func writer(_ database: any Database) -> GroupCommit<Request, RegistrationsController.NewRegistration> {
        GroupCommit(limit: limit, lanes: lanes, key: { $0.input.learnerCode ?? $0.input.citizenId ?? "" }) { requests in
            await write(requests, database: database)
        }
    }

    /// One transaction for the batch. Each registration is checked on its own (the checks only
    /// read); those that pass are stored together, and a candidate the season already has (stored
    /// earlier, or meanwhile by another lane or server) is answered as a duplicate.
    static func write(_ requests: [Request], database: any Database) async -> [Result<RegistrationsController.NewRegistration, any Error>] {
        do {
            return try await database.transaction { db in
                var outcomes = [Result<RegistrationsController.NewRegistration, any Error>?](repeating: nil, count: requests.count)
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
                        let new: RegistrationsController.NewRegistration
                        if let checked = request.checkedFree {
                            try season.require(.registration)
                            new = checked
                        } else {
                            new = try await RegistrationsController.prepareNew(db, season: season, request.input, principal: request.principal)
                        }
                        accepted[request.seasonID, default: []].append((index, new))
                    } catch {
                        guard WriteFailureDetails.fieldErrors(error) != nil else { throw error }
                        outcomes[index] = .failure(error)
                    }
                }
                for (seasonID, candidates) in accepted {
                    let season = seasons[seasonID]!
                    // A candidate sent twice in this batch: the later one is the duplicate.
                    var seen = Set<String>()
                    var fresh: [(index: Int, new: RegistrationsController.NewRegistration)] = []
                    for candidate in candidates {
                        if seen.insert(candidate.new.registration.citizenId).inserted {
                            fresh.append(candidate)
                        } else {
                            outcomes[candidate.index] = .failure(candidate.new.duplicate(season))
                        }
                    }
                    let stored = try await RegistrationsController.store(db, fresh.map(\.new), season: season)
                    for candidate in fresh {
                        outcomes[candidate.index] = stored.contains(candidate.new.registration.id)
                            ? .success(candidate.new) : .failure(candidate.new.duplicate(season))
                    }
                }
                return outcomes.map { $0! }
            }
        } catch {
            return requests.map { _ in .failure(error) }
        }
    }
}
