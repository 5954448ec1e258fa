import HTTPTypes
import Hummingbird

/// One page of the browser side: its method and path, its line in the OpenAPI catalogue, and the
/// handler that answers it.
struct PageRoute: Sendable {
    let method: HTTPRequest.Method
    let path: String
    let summary: String
    let handler: @Sendable (PageRequest) async throws -> Response

    init(_ method: HTTPRequest.Method, _ path: String, _ summary: String, _ handler: @escaping @Sendable (PageRequest) async throws -> Response) {
        self.method = method
        self.path = path
        self.summary = summary
        self.handler = handler
    }
}
