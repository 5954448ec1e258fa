import Logging
import Platform
import ServiceLifecycle

/// Runs the reconcile job inside `nemis serve` every `reconcileIntervalSeconds`, until shutdown.
public struct FeeReconcileService: Service {
    let reconciler: FeeReconciler
    let settings: FeesSettings
    let logger: Logger

    /// Nil when payments are not configured or the periodic run is turned off.
    public init?(database: any Database, settings: FeesSettings, logger: Logger) {
        guard settings.reconcileIntervalSeconds > 0, let reconciler = try? FeeReconciler(database: database, settings: settings, logger: logger)
        else { return nil }
        self.reconciler = reconciler
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: .seconds(settings.reconcileIntervalSeconds))
                }
            } catch {
                return
            }
            do {
                _ = try await reconciler.run(olderThanMinutes: settings.reconcileAfterMinutes)
            } catch {
                // The next run tries again; a database or gateway outage must not stop the server.
                logger.error("fee reconcile failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }
}
