import BulkData
import Credentials
import Exams
import Fees
import Foundation
import Hummingbird
import IdentityVerification
import Logging
import NIOCore
import Metrics
import Platform
import Prometheus
import Records
import Registry
import OneRoster
import Web
import ServiceLifecycle

/// The composition root: one place that wires the database, access control and every module's routes.
public enum NEMIS {
    public static let version = "0.1.0"

    /// Builds the HTTP application over an open database. `prepare` migrates and bootstraps before the
    /// server accepts requests; `afterPrepare` runs next (e.g. loading demo data).
    public static func buildApplication(
        configuration: AppConfiguration,
        database: any Database,
        logger: Logger,
        afterPrepare: (@Sendable (any Database) async throws -> Void)? = nil,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let credentials = try configuration.credentialsSetup()
        let imports = ImportJobRunner(database: database, folder: configuration.importFolder, logger: logger,
                                      archiveImports: [OneRosterArchiveImport(database: database)])
        let registry = configuration.populationRegistry
        let verification = VerificationRunner(database: database, logger: logger, policy: try PolicySettings.policy(configuration.identityPolicy)) {
            try RegistryConnection.checker(registry)
        }
        let router = try buildRouter(database: database, logger: logger, cookies: SessionCookies(secure: configuration.secureCookies),
                                     credentials: credentials, fees: configuration.fees, imports: imports, verification: verification)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "nemis"),
            onServerRunning: onServerRunning,
            logger: logger)
        if let postgres = database as? PostgresStorage {
            app.addServices(postgres)
        }
        if let reconcile = FeeReconcileService(database: database, settings: configuration.fees, logger: logger) { app.addServices(reconcile) }
        app.beforeServerStarts {
            try await Storage.prepare(database, logger: logger)
            try await CredentialsService(database: database, registry: RegistryService(database: database), vault: credentials.vault,
                                         publicBaseURL: credentials.publicURL).prepare()
            try await afterPrepare?(database)
            try await imports.resume()
            try await verification.resume()
        }
        return app
    }

    public static func buildRouter(database: any Database, logger: Logger, cookies: SessionCookies,
                                   credentials: CredentialsSetup, fees: FeesSettings? = nil,
                                   imports: ImportJobRunner, verification: VerificationRunner) throws -> Router<NEMISContext> {
        MetricsBootstrap.once()
        let router = Router(context: NEMISContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug))
        let access = AccessStore(database: database)
        router.add(middleware: AuthMiddleware(access: access, formRoutes: WebController.formRoutes))

        let catalog = APICatalog(router: router)
        OperationsController(database: database).register(in: catalog)
        AccessController(access: access, cookies: cookies).register(in: catalog)

        FeedController(database: database).register(in: catalog)
        let registry = RegistryService(database: database)
        registry.register(in: catalog)
        RecordsService(database: database, registry: registry).register(in: catalog)
        ExamsService(database: database, registry: registry).register(in: catalog)
        let issuing = CredentialsService(database: database, registry: registry, vault: credentials.vault, publicBaseURL: credentials.publicURL)
        issuing.register(in: catalog)
        ImportJobsController(runner: imports).register(in: catalog)
        let feeOrders = FeeOrdersController(database: database, settings: fees ?? FeesSettings(environment: [:], publicURL: ""), logger: logger)
        feeOrders.register(in: catalog)
        WebController(access: access, cookies: cookies, imports: imports, verification: verification, verify: issuing.verify,
                      checkout: feeOrders.checkoutURL).register(in: catalog)
        OneRosterController(database: database).register(in: catalog)
        IdentityController(runner: verification, database: database).register(in: catalog)
        let document = try catalog.openAPIDocument(version: version)
        catalog.add(APIRoute(.get, "/api/v1/openapi.json", summary: "This OpenAPI 3.1 document", tag: "Operations", isPublic: true)) { _, _ in
            JSONResponse.raw(String(decoding: document, as: UTF8.self))
        }
        return router
    }
}

/// swift-metrics can be bootstrapped once per process; tests build many applications.
enum MetricsBootstrap {
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped: Bool = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return true
    }()

    static func once() { _ = bootstrapped }
}

/// `/health` and `/metrics` for operators.
struct OperationsController {
    let database: any Database

    func register(in catalog: APICatalog) {
        // The lightest possible answer: the baseline that benchmarks compare real routes against.
        catalog.add(APIRoute(.get, "/ping", summary: "Answers pong; nothing else", tag: "Operations", isPublic: true,
                             produces: "text/plain")) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "pong")))
        }
        catalog.add(APIRoute(.get, "/health", summary: "Liveness and database reachability", tag: "Operations", isPublic: true)) { _, _ in
            do {
                try await database.ping()
                return JSONResponse.raw("{\"status\":\"ok\",\"database\":\"\(database.engine.rawValue)\"}")
            } catch {
                return JSONResponse.raw("{\"status\":\"unavailable\",\"database\":\"\(database.engine.rawValue)\"}", status: .serviceUnavailable)
            }
        }
        catalog.add(APIRoute(.get, "/metrics", summary: "Prometheus metrics (text format)", tag: "Operations", isPublic: true,
                             produces: "text/plain")) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(bytes: MetricsBootstrap.registry.emitToBuffer())))
        }
    }
}
