import Foundation
import HTTPTypes
import Hummingbird

/// One thing wrong with one field of a request, in the words a school clerk can act on.
public struct FieldError: Sendable, Codable, Equatable {
    /// A JSON pointer to the field, e.g. `/citizenId` or `/guardians/0/fullName`.
    public let field: String
    /// A stable machine code, e.g. `citizenId.sexMismatch`.
    public let code: String
    public let message: String

    public init(field: String, code: String, message: String) {
        self.field = field.hasPrefix("/") || field.isEmpty ? field : "/" + field
        self.code = code
        self.message = message
    }
}

/// A request that breaks the rules of the domain: nothing is written.
public struct ValidationFailure: Error, Sendable {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }
    public init(field: String, code: String, message: String) {
        self.errors = [FieldError(field: field, code: code, message: message)]
    }
}

/// Collects field errors while a record is checked, so the caller sees every problem at once.
public struct ValidationCollector: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}
    public mutating func add(_ field: String, _ code: String, _ message: String) {
        errors.append(FieldError(field: field, code: code, message: message))
    }
    public func check() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

/// Every error the API answers with, mapped to RFC 9457 problem+json in one place (`ProblemMiddleware`).
public enum APIError: Error, Sendable {
    /// 401: no or bad credentials.
    case unauthenticated
    /// 403: the caller is known and the record is visible, but the action is not permitted.
    case forbidden(String)
    /// 404: no such record, or one outside the caller's scope (existence does not leak).
    case notFound
    /// 400: the body is not valid JSON or has the wrong shape.
    case malformed(field: String?, String)
    /// 409: the request conflicts with stored state (a duplicate, an illegal lifecycle step).
    case conflict(field: String?, code: String, String)
    /// 412: If-Match no longer matches.
    case preconditionFailed
    /// 428: an update that must name the version it changes.
    case preconditionRequired
    /// 422: an Idempotency-Key reused with a different request.
    case idempotencyKeyReused
    /// 429: too many attempts.
    case tooManyRequests(retryAfter: Int)
    /// 503: something the request needs (an outside service) is not configured or not reachable.
    case unavailable(String)
}

struct ProblemBody: Codable {
    let type: String
    let title: String
    let status: Int
    let detail: String?
    let errors: [FieldError]?
}

/// Turns thrown errors into `application/problem+json` responses.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as ValidationFailure {
            return Self.problem(.unprocessableContent, "validation", "The request breaks a rule; nothing was written.",
                                detail: failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "),
                                errors: failure.errors)
        } catch let error as APIError {
            return Self.response(for: error)
        } catch let error as DecodingError {
            let (field, message) = Self.describe(error)
            return Self.problem(.badRequest, "malformed", "The request body could not be read.", detail: message,
                                errors: [FieldError(field: field, code: "json.invalid", message: message)])
        } catch let error where DatabaseErrors.isUniqueViolation(error) {
            return Self.problem(.conflict, "conflict", "The request conflicts with stored data; nothing was written.",
                                detail: "another record with the same key was written at the same time; read it and try again")
        } catch let error as HTTPError {
            return Self.problem(error.status, "http", error.status.reasonPhrase, detail: error.body)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Self.problem(.internalServerError, "internal", "Internal server error", detail: nil)
        }
    }

    static func response(for error: APIError) -> Response {
        switch error {
        case .unauthenticated:
            var response = problem(.unauthorized, "unauthenticated", "Sign in or present a bearer token.", detail: nil)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"nemis\""
            return response
        case .forbidden(let detail):
            return problem(.forbidden, "forbidden", "Your role does not permit this action.", detail: detail)
        case .notFound:
            return problem(.notFound, "not-found", "No such record.", detail: nil)
        case .malformed(let field, let detail):
            return problem(.badRequest, "malformed", "The request could not be read.", detail: detail,
                           errors: field.map { [FieldError(field: $0, code: "request.malformed", message: detail)] })
        case .conflict(let field, let code, let detail):
            return problem(.conflict, "conflict", "The request conflicts with stored data; nothing was written.", detail: detail,
                           errors: field.map { [FieldError(field: $0, code: code, message: detail)] })
        case .preconditionFailed:
            return problem(.preconditionFailed, "precondition-failed",
                           "The record changed since you read it (If-Match does not match). Read it again.", detail: nil)
        case .preconditionRequired:
            return problem(.preconditionRequired, "precondition-required", "Send If-Match with the ETag you read.", detail: nil)
        case .idempotencyKeyReused:
            return problem(.unprocessableContent, "idempotency-key-reused",
                           "This Idempotency-Key was already used with a different request.", detail: nil)
        case .tooManyRequests(let retryAfter):
            var response = problem(.tooManyRequests, "too-many-requests", "Too many attempts; wait and try again.", detail: nil)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        case .unavailable(let detail):
            return problem(.serviceUnavailable, "unavailable", "A service this request needs is unavailable.", detail: detail)
        }
    }

    public static func problem(_ status: HTTPResponse.Status, _ slug: String, _ title: String, detail: String?,
                               errors: [FieldError]? = nil) -> Response {
        let body = ProblemBody(type: "https://nemis.moet.gov.vn/problems/\(slug)", title: title, status: status.code,
                               detail: detail, errors: errors)
        let data = (try? JSON.encoder.encode(body)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func describe(_ error: DecodingError) -> (String, String) {
        func pointer(_ path: [any CodingKey]) -> String {
            "/" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return (pointer(context.codingPath + [key]), "'\(key.stringValue)' is required")
        case .typeMismatch(let type, let context):
            return (pointer(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (pointer(context.codingPath), "expected \(type), found null")
        case .dataCorrupted(let context):
            return (pointer(context.codingPath), context.debugDescription)
        @unknown default:
            return ("", "invalid JSON")
        }
    }
}
