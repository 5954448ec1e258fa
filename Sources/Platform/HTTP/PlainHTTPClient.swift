import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One HTTP/1.1 request over a fresh connection, for the few calls NEMIS makes to the services around it
/// (the payment gateway's querydr and IPN, the population registry) and their stand-ins make back. The
/// package has no HTTP client library and adds none, so this speaks plain `http://` only: a real
/// service's HTTPS endpoint needs a TLS-terminating egress proxy in front.
public enum PlainHTTPClient {
    /// The two methods these protocols use.
    public enum Method: String, Sendable {
        case GET, POST

        var nio: HTTPMethod { self == .GET ? .GET : .POST }
    }

    public struct Response: Sendable {
        public let status: Int
        public let headers: [(String, String)]
        public let body: String

        public func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case unsupportedURL(String)
        case timedOut(String, Duration)
        case connectionClosed(String)

        public var description: String {
            switch self {
            case .unsupportedURL(let url): "cannot call \(url): only http://host[:port]/path URLs are supported"
            case .timedOut(let url, let limit): "no answer from \(url) within \(limit)"
            case .connectionClosed(let url): "\(url) closed the connection before answering"
            }
        }
    }

    /// Sends the request and reads the whole answer; throws on a connection failure or after `timeout`.
    /// A GET whose connection is dropped before the answer is sent once more, unless
    /// `retryDroppedGET` is false (a caller with retries, pacing and counts of its own).
    public static func send(_ method: Method, _ url: String, headers: [(String, String)] = [], body: String? = nil,
                            timeout: Duration = .seconds(10), retryDroppedGET: Bool = true) async throws -> Response {
        guard let components = URLComponents(string: url), components.scheme == "http", let host = components.host, !host.isEmpty
        else { throw Failure.unsupportedURL(url) }
        let port = components.port ?? 80
        var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { target += "?" + query }
        var head = HTTPRequestHead(version: .http1_1, method: method.nio, uri: target)
        head.headers.add(name: "Host", value: components.port.map { "\(host):\($0)" } ?? host)
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: "Content-Length", value: String(body?.utf8.count ?? 0))
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        let request = head

        return try await withThrowingTaskGroup(of: Response.self) { group in
            group.addTask {
                do {
                    return try await exchange(host: host, port: port, head: request, body: body, url: url)
                } catch where method == .GET && retryDroppedGET && isDroppedConnection(error) {
                    // A GET is idempotent (RFC 9110 §9.2.2): a connection the other side closed before it
                    // answered is tried once more, as browsers and HTTP libraries do.
                    return try await exchange(host: host, port: port, head: request, body: body, url: url)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure.timedOut(url, timeout)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// Whether `error` says the connection was closed or reset under the request, rather than refused
    /// or answered.
    static func isDroppedConnection(_ error: any Error) -> Bool {
        if case Failure.connectionClosed = error { return true }
        if let channelError = error as? ChannelError {
            return channelError == .ioOnClosedChannel || channelError == .eof || channelError == .alreadyClosed
        }
        if let ioError = error as? IOError { return [ECONNRESET, EPIPE].contains(ioError.errnoCode) }
        return false
    }

    private static func exchange(host: String, port: Int, head: HTTPRequestHead, body: String?, url: String) async throws -> Response {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var parts: [HTTPClientRequestPart] = [.head(head)]
            if let body { parts.append(.body(.byteBuffer(ByteBuffer(string: body)))) }
            parts.append(.end(nil))
            // A server may answer and close as soon as it has read enough, before the last write of the
            // request is done: the answer it sent still counts.
            var writeFailure: (any Error)?
            do { try await outbound.write(contentsOf: parts) } catch { writeFailure = error }
            var status = 0
            var headers: [(String, String)] = []
            var collected = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let responseHead):
                    status = Int(responseHead.status.code)
                    headers = responseHead.headers.map { ($0.name, $0.value) }
                case .body(var chunk):
                    collected.writeBuffer(&chunk)
                case .end:
                    return Response(status: status, headers: headers, body: String(buffer: collected))
                }
            }
            throw writeFailure ?? Failure.connectionClosed(url)
        }
    }
}
