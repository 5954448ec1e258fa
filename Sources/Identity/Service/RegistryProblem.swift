import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// An error answer of the registry service: a status, a stable `code` a client can act on, and a
/// message for people. Answered as JSON by `ServiceEnvelopeMiddleware`.
struct RegistryProblem: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var retryAfterSeconds: Int?
    /// An OAuth error: the body also carries `error`/`error_description` (RFC 6749 §5.2).
    var oauth = false
    var wwwAuthenticate: String?

    static func invalidRequest(_ message: String) -> RegistryProblem { .init(status: .badRequest, code: "invalid_request", message: message) }

    func response(requestID: String) -> Response {
        var body = RegistryWire.ErrorBody(code: code, message: message, requestId: requestID)
        if oauth {
            body.error = code
            body.error_description = message
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        if let wwwAuthenticate { headers[.wwwAuthenticate] = wwwAuthenticate }
        let data = (try? JSON.encoder.encode(body)) ?? Data(#"{"code":"internal_error"}"#.utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
