import Foundation
import Logging
import PersonMatching
import Platform

/// Runs the verification runs started from the API in the background, one at a time: a run
/// holds the registry connection busy, and a province's run should not starve a school's API.
public actor VerificationRunner {
    let database: any Database
    let service: IdentityVerificationService
    let logger: Logger
    /// The thresholds of the runs it starts; a run taken up again keeps the policy it saved.
    let policy: VerificationPolicy
    /// Made on first use: a local registry file takes seconds to load.
    private let makeChecker: @Sendable () throws -> (any RecordChecker)?
    private var checker: (any RecordChecker)?
    private var draining = false
    private var lookAgain = false

    public init(database: any Database, logger: Logger, policy: VerificationPolicy = VerificationPolicy(),
                checker makeChecker: @escaping @Sendable () throws -> (any RecordChecker)? = { try RegistryConnection.checker() }) {
        self.database = database
        service = IdentityVerificationService(database: database)
        self.logger = logger
        self.policy = policy
        self.makeChecker = makeChecker
    }

    /// Queues a run over `scopeCode` (or takes up the scope's unfinished one) and starts the queue.
    public func start(scopeCode: String?, principal: Principal) async throws -> VerificationRun {
        guard principal.has(.identityVerify) else { throw APIError.forbidden("verifying needs the identity:verify permission") }
        guard try connectedChecker() != nil else { throw APIError.unavailable(RegistryConnection.notConfigured) }
        let (run, _) = try await service.prepareRun(scopeCode: scopeCode, principal: principal)
        kick()
        return run
    }

    /// Puts runs a stopped process left running back in the queue; they resume from their cursor.
    /// The registry is connected (a local file loaded) only when there is a run to work on.
    /// Nothing is started in the background when nothing waits: a server that stops soon after it
    /// started (tests do) has no queue work racing its shutdown.
    public func resume() async throws {
        let store = VerificationStore(database: database)
        try await store.requeueStale()
        if try await store.hasQueued() { kick() }
    }

    private func connectedChecker() throws -> (any RecordChecker)? {
        if checker == nil { checker = try makeChecker() }
        return checker
    }

    private func kick() {
        lookAgain = true
        guard !draining else { return }
        draining = true
        Task { await drain() }
    }

    private func drain() async {
        defer { draining = false }
        let store = VerificationStore(database: database)
        while true {
            do {
                lookAgain = false
                guard let id = try await store.claimNext() else {
                    if lookAgain { continue }
                    return
                }
                guard let checker = try connectedChecker() else {
                    // No registry configured: the run waits in the queue for a server that has one.
                    try await store.requeue(id)
                    return
                }
                do {
                    try await VerificationJob(database: database, checker: checker, policy: policy).run(id)
                } catch {
                    logger.error("verification run stopped", metadata: ["run": "\(id)", "error": "\(error)"])
                }
            } catch {
                logger.error("verification queue unavailable", metadata: ["error": "\(error)"])
                return
            }
        }
    }
}
