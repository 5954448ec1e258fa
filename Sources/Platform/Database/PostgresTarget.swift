import Foundation
import Logging
import PostgresNIO

/// The server, user and database a `postgres://` URL names, and the one connection that checks them.
struct PostgresTarget {
    enum Address {
        case host(String, port: Int)
        case unixSocket(path: String)
    }

    let address: Address
    let username: String
    let password: String?
    let database: String?
    /// `sslmode=disable` (the default) or anything else, which tries TLS first.
    let prefersTLS: Bool

    /// Parses `postgres://user:password@host:port/database?sslmode=disable`; a host that starts with
    /// `/` is the folder of the server's Unix socket.
    init(url: String) throws {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme),
              let user = components.user
        else {
            throw ConfigurationError("database URL must look like postgres://user:password@host:5432/database")
        }
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        let port = components.port ?? 5432
        address = host.hasPrefix("/") ? .unixSocket(path: host + "/.s.PGSQL.\(port)") : .host(host, port: port)
        username = user
        password = components.password
        database = path.isEmpty ? nil : path
        prefersTLS = (components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable") != "disable"
    }

    /// Where the server is, as a person would write it.
    var place: String {
        switch address {
        case .host(let host, let port): "\(host):\(port)"
        case .unixSocket(let path): path
        }
    }

    var clientConfiguration: PostgresClient.Configuration {
        switch address {
        case .host(let host, let port):
            .init(host: host, port: port, username: username, password: password, database: database,
                  tls: prefersTLS ? .prefer(.clientDefault) : .disable)
        case .unixSocket(let path):
            .init(unixSocketPath: path, username: username, password: password, database: database)
        }
    }

    /// Opens one connection and closes it. The pool retries a server it cannot reach for about a minute,
    /// then fails with an error that names neither the server nor the reason; this fails at once and
    /// says both (refused, unknown host, no such database, authentication).
    func checkConnection(logger: Logger) async throws {
        do {
            let configuration: PostgresConnection.Configuration
            switch address {
            case .host(let host, let port):
                configuration = .init(host: host, port: port, username: username, password: password, database: database,
                                      tls: prefersTLS ? .prefer(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable)
            case .unixSocket(let path):
                configuration = .init(unixSocketPath: path, username: username, password: password, database: database)
            }
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw ConfigurationError("cannot connect to PostgreSQL at \(place) as \(username)"
                + (database.map { ", database \($0)" } ?? "") + ": \(Self.reason(error))")
        }
    }

    /// The server's own message (authentication, a missing database), or the network's (refused,
    /// unknown host, timed out), without PostgresNIO's wrapping.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if let connection = error.underlying as? NIOConnectionError {
            if let failure = connection.connectionErrors.first { return networkReason(failure.error) }
            if connection.dnsAError != nil || connection.dnsAAAAError != nil { return "the host name cannot be resolved" }
        }
        if let underlying = error.underlying { return networkReason(underlying) }
        if error.code == .serverClosedConnection { return "the connection was closed before the server answered" }
        return "\(error.code)"
    }

    private static func networkReason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        if case .connectTimeout? = error as? ChannelError { return "no answer (timed out)" }
        return "\(error)"
    }
}
