import BulkData
import Credentials
import DataIntegrity
import Exams
import Hummingbird
import IdentityVerification
import Platform
import Records
import Registry

/// The browser side: server-rendered pages in Vietnamese (or English), no JavaScript, nothing loaded
/// from elsewhere, usable on a phone. Sign in, then browse what the role reaches; a teacher enters
/// scores; anyone verifies a school record.
public struct WebController: Sendable {
    /// The pages whose forms carry the session's CSRF token as a hidden field, which their handlers
    /// check; the authentication middleware lets these through without the X-CSRF-Token header.
    public static let formRoutes = ["/sign-in", "/sign-out", "/verify", "/classes/*/gradebook", "/classes/*/gradebook/term",
                                      "/classes/*/conduct", "/learners/*/health", "/imports", "/identity/runs", "/identity/review/*/*", "/transfers/*",
                                      "/my-exam/registration", "/my-exam/fees/*", "/my-exam/wishes", "/my-exam/admission"]

    let routes: [PageRoute]

    /// `access` must be the instance the authentication middleware uses, so signing out takes effect at once.
    /// `verify` checks a credential for the public verification page.
    /// `imports` runs the files uploaded from the import page.
    /// `verification` runs the identity verifications started from the identity page.
    /// `checkout` gives the gateway URL where the signed-in payer pays a fee order.
    public init(access: AccessStore, cookies: SessionCookies, imports: ImportJobRunner, verification: VerificationRunner,
                verify: @escaping @Sendable (JSONValue) async throws -> VerificationReport,
                checkout: @escaping @Sendable (_ orderID: String, _ payer: Principal, _ remoteAddress: String) async throws -> String) {
        let database = access.database
        let registry = RegistryService(database: database)
        let reader = RegistryReader(database: database)
        routes = SessionPages(access: access, cookies: cookies, reader: reader).routes
            + RegistryPages(reader: reader).routes
            + EnrolmentPages(database: database, reader: reader).routes
            + ClassPages(database: database, registry: registry, reader: reader, load: TeachingLoad(database: database, reader: reader)).routes
            + GradebookPages(gradebooks: GradebookSheets(database: database, registry: registry)).routes
            + YearResultsPages(results: YearResultSheets(database: database, registry: registry)).routes
            + ConductPages(sheets: ConductSheets(database: database, registry: registry)).routes
            + HealthPages(sheets: HealthSheets(database: database, registry: registry)).routes
            + ImportPages(imports: imports).routes
            + StatisticsPages(database: database).routes
            + ExamStatisticsPages(database: database).routes
            + TransferPages(registry: registry).routes
            + VerifyPages(verify: verify).routes
            + IdentityPages(runner: verification, service: IdentityVerificationService(database: database)).routes
            + CandidatePages(desk: CandidateDesk(database: database), checkout: checkout).routes
    }

    public func register(in catalog: APICatalog) {
        for route in routes {
            catalog.add(APIRoute(route.method, route.path, summary: route.summary, tag: "Web pages", isPublic: true, produces: "text/html")) {
                request, context in
                let page = PageRequest(request, context)
                do {
                    return try await route.handler(page)
                } catch {
                    return try page.errorPage(for: error)
                }
            }
        }
    }
}
