import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Platform
import Testing

/// The plain HTTP client the registry and payment calls use, against a server that drops the first
/// connection it is given before answering, as a busy or restarting service does.
@Suite("Plain HTTP client")
struct PlainHTTPClientTests {
    /// Closes the first connection as soon as the request arrives; answers "ok" on every later one.
    final class DropsFirstConnection: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let connections: NIOLockedValueBox<Int>
        let number: Int

        init(connections: NIOLockedValueBox<Int>) {
            self.connections = connections
            number = connections.withLockedValue { count in count += 1; return count }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard number > 1 else { context.close(promise: nil); return }
            let answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            let channel = context.channel
            channel.writeAndFlush(channel.allocator.buffer(string: answer)).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    static func withServer(_ body: (String, NIOLockedValueBox<Int>) async throws -> Void) async throws {
        let connections = NIOLockedValueBox(0)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DropsFirstConnection(connections: connections))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        do {
            try await body("http://127.0.0.1:\(port)/lookup", connections)
        } catch {
            try await server.close()
            throw error
        }
        try await server.close()
    }

    @Test("a GET whose connection is dropped before the answer is sent once more")
    func getIsRetried() async throws {
        try await Self.withServer { url, connections in
            let response = try await PlainHTTPClient.send(.GET, url, timeout: .seconds(30))
            #expect(response.status == 200 && response.body == "ok")
            #expect(connections.withLockedValue { $0 } == 2)
        }
    }

    @Test("a POST is not: it may have been acted on, so the caller decides; nor a GET when asked not to")
    func postIsNotRetried() async throws {
        try await Self.withServer { url, connections in
            await #expect(throws: (any Error).self) {
                try await PlainHTTPClient.send(.POST, url, body: "{}", timeout: .seconds(30))
            }
            #expect(connections.withLockedValue { $0 } == 1)
        }
        try await Self.withServer { url, connections in
            await #expect(throws: (any Error).self) {
                try await PlainHTTPClient.send(.GET, url, timeout: .seconds(30), retryDroppedGET: false)
            }
            #expect(connections.withLockedValue { $0 } == 1)
        }
    }
}
