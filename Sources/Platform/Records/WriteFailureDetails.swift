/// The field errors of a failed write, in the words the API answers with: how a batch job (an
/// import) reports a refused row without an HTTP response to carry the problem.
public enum WriteFailureDetails {
    /// The errors `error` stands for, or nil when it is not about the record (a lost connection, a
    /// full disk), which must stop the job instead of marking one row bad.
    public static func fieldErrors(_ error: any Error) -> [FieldError]? {
        switch error {
        case let failure as ValidationFailure:
            return failure.errors
        case let error as DecodingError:
            let (field, message) = ProblemMiddleware<NEMISContext>.describe(error)
            return [FieldError(field: field, code: "json.invalid", message: message)]
        case let error as APIError:
            return [apiError(error)]
        default:
            guard DatabaseErrors.isUniqueViolation(error) else { return nil }
            return [FieldError(field: "", code: "conflict", message: "another record already has this key")]
        }
    }

    private static func apiError(_ error: APIError) -> FieldError {
        switch error {
        case .malformed(let field, let message): FieldError(field: field ?? "", code: "malformed", message: message)
        case .conflict(let field, let code, let message): FieldError(field: field ?? "", code: code, message: message)
        case .forbidden(let message): FieldError(field: "", code: "forbidden", message: message)
        case .notFound: FieldError(field: "", code: "notFound", message: "the record, or one it refers to, is outside your scope or does not exist")
        case .preconditionFailed, .preconditionRequired:
            FieldError(field: "", code: "conflict", message: "the record changed while it was written; import the file again")
        case .unavailable(let message): FieldError(field: "", code: "unavailable", message: message)
        case .unauthenticated, .idempotencyKeyReused, .tooManyRequests:
            FieldError(field: "", code: "refused", message: "the write was refused")
        }
    }
}
