import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// Errors as the OneRoster REST binding writes them: the IMS status payload (`imsx_codeMajor`,
/// `imsx_severity`, `imsx_description`, `imsx_CodeMinor`) with the HTTP status.
enum RosterError: Error {
    case unauthorized
    case forbidden
    case notFound(String)
    case badRequest(String, String)

    var response: Response {
        let (status, minor, description): (HTTPResponse.Status, String, String) = switch self {
        case .unauthorized: (.unauthorized, "unauthorisedrequest", "a bearer token from POST /oauth/token is required")
        case .forbidden: (.forbidden, "forbidden", "the token lacks the scope https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly")
        case .notFound(let id): (.notFound, "unknownobject", "no object with sourcedId '\(id)'")
        case .badRequest(let code, let message): (.badRequest, code, message)
        }
        let payload: [String: Any] = [
            "imsx_codeMajor": "failure", "imsx_severity": "error", "imsx_description": description,
            "imsx_CodeMinor": ["imsx_codeMinorField": [["imsx_codeMinorFieldName": "TargetEndSystem", "imsx_codeMinorFieldValue": minor]]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        if case .unauthorized = self { headers[.wwwAuthenticate] = "Bearer" }
        return JSONResponse.raw(String(decoding: data, as: UTF8.self), status: status, extraHeaders: headers)
    }
}
