import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Platform
import PostgresNIO
import Testing

/// The two engines every storage test runs on.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

enum TestDatabases {
    static let logger: Logger = {
        var logger = Logger(label: "nemis-test")
        logger.logLevel = .warning
        return logger
    }()

    /// The admin URL of the PostgreSQL server started by scripts/with-postgres.sh.
    static var postgresAdminURL: String? { ProcessInfo.processInfo.environment["NEMIS_TEST_POSTGRES_URL"] }

    /// A configuration for a brand-new, empty database of the engine. PostgreSQL gets a fresh database
    /// on the test server; SQLite a fresh file.
    static func freshConfiguration(_ engine: Engine) async throws -> (AppConfiguration, cleanup: @Sendable () async -> Void) {
        let name = "nemis_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        switch engine {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
            return (AppConfiguration(databaseURL: "", sqlitePath: path, environment: [:]), {
                for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        case .postgres:
            guard let admin = postgresAdminURL else {
                throw TestSetupError("NEMIS_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts PostgreSQL")
            }
            try await adminExecute(admin, "CREATE DATABASE \(name)")
            let url = admin.replacingOccurrences(of: "/postgres", with: "/\(name)")
            let keyEncryptionKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            return (AppConfiguration(databaseURL: url, keyEncryptionKey: keyEncryptionKey, environment: [:]), {
                try? await adminExecute(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            })
        }
    }

    static func adminExecute(_ adminURL: String, _ sql: String) async throws {
        let components = URLComponents(string: adminURL)!
        let configuration = PostgresConnection.Configuration(
            host: components.host!, port: components.port ?? 5432, username: components.user!, password: components.password,
            database: "postgres", tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` against a running application on a fresh database of `engine`: in router test mode
/// by default, or `.live` on a real socket when what a browser receives matters (headers, cookies,
/// compressed bytes).
func withApp(_ engine: Engine, mode: TestingSetup = .router, configure: (inout AppConfiguration) -> Void = { _ in },
             _ body: @escaping @Sendable (TestAPI) async throws -> Void) async throws {
    var (configuration, cleanup) = try await TestDatabases.freshConfiguration(engine)
    configure(&configuration)
    let database = try await Storage.open(configuration, logger: TestDatabases.logger)
    do {
        let app = try NEMIS.buildApplication(configuration: configuration, database: database, logger: TestDatabases.logger)
        try await app.test(mode) { client in
            try await body(TestAPI(client: client, database: database))
        }
    } catch {
        await database.shutdown()
        await cleanup()
        throw error
    }
    await database.shutdown()
    await cleanup()
}

/// Who makes a request: nobody, a browser session, or a bearer token.
struct Caller: Sendable {
    var cookie: String?
    var csrf: String?
    var bearer: String?
    static let anonymous = Caller()
}

struct APIResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let bytes: [UInt8]
    var text: String { String(decoding: bytes, as: UTF8.self) }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
    var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    /// The first field error of a problem+json answer.
    var errorField: String? { ((json["errors"] as? [[String: Any]])?.first)?["field"] as? String }
    var errorCode: String? { ((json["errors"] as? [[String: Any]])?.first)?["code"] as? String }
}

struct TestAPI: Sendable {
    let client: any TestClientProtocol
    let database: any Database

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, as caller: Caller = .anonymous, json: String? = nil,
              headers extra: HTTPFields = [:], form: String? = nil, body raw: [UInt8]? = nil) async throws -> APIResponse {
        var headers = extra
        if let cookie = caller.cookie { headers[.cookie] = "\(AuthMiddleware.cookieName)=\(cookie)" }
        if let csrf = caller.csrf { headers[.csrfToken] = csrf }
        if let bearer = caller.bearer { headers[.authorization] = "Bearer \(bearer)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        } else if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: form)
        } else if let raw {
            body = ByteBuffer(bytes: raw)
        }
        return try await client.execute(uri: path, method: method, headers: headers, body: body) { response in
            APIResponse(status: response.status, headers: response.headers, bytes: Array(buffer: response.body))
        }
    }

    /// Creates a user with a role at the node `orgCode` and signs in.
    func user(_ username: String, _ role: Role, at orgCode: String, staffCode: String? = nil) async throws -> Caller {
        let access = AccessStore(database: database)
        let user = try await access.createUser(username: username, displayName: username, password: "correct-horse-battery",
                                               staffCode: staffCode)
        let orgID = try #require(try await Bootstrap.orgID(database, code: orgCode))
        try await access.grant(principalID: user.id, role: role, orgID: orgID)
        let response = try await call(.post, "/api/v1/session", json: #"{"username":"\#(username)","password":"correct-horse-battery"}"#)
        #expect(response.status == .ok)
        let setCookie = try #require(response.headers[.setCookie])
        let cookie = String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
        return Caller(cookie: cookie, csrf: response.json["csrfToken"] as? String)
    }

    /// Creates an API client bound to `orgCode` with `scopes`, and returns a bearer token.
    func client(_ name: String, scopes: Set<Permission>, at orgCode: String) async throws -> Caller {
        let access = AccessStore(database: database)
        let credentials = try await access.createClient(name: name, scopes: scopes)
        let orgID = try #require(try await Bootstrap.orgID(database, code: orgCode))
        try await access.grant(principalID: credentials.principalID, role: .apiClient, orgID: orgID)
        let response = try await call(.post, "/oauth/token",
                                      form: "grant_type=client_credentials&client_id=\(credentials.clientID)&client_secret=\(credentials.clientSecret)")
        #expect(response.status == .ok)
        return Caller(bearer: try #require(response.json["access_token"] as? String))
    }
}
