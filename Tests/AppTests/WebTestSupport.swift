import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Platform
import Testing

/// Runs `body` against the application listening on a real socket, so the web pages are measured
/// as a browser receives them.
func withLiveApp(_ engine: Engine, _ body: @escaping @Sendable (TestAPI) async throws -> Void) async throws {
    try await withApp(engine, mode: .live, body)
}

/// A browser: the session cookie only. Its forms carry the CSRF token as a field read from the page,
/// never as the X-CSRF-Token header an API client sends.
enum Browser {
    static func signIn(_ api: TestAPI, _ username: String, password: String = "correct-horse-battery") async throws -> Caller {
        let response = try await api.call(.post, "/sign-in", form: "username=\(username)&password=\(password)")
        #expect(response.status == .seeOther)
        let setCookie = try #require(response.headers[.setCookie])
        return Caller(cookie: String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1]))
    }

    /// The CSRF token a page's forms carry.
    static func formToken(_ page: APIResponse) throws -> String {
        String(try #require(page.text.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1))
    }

    /// `application/x-www-form-urlencoded`, as a browser encodes a form.
    static func encode(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._*"))
        return fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }

    static let acceptGzip: HTTPFields = [.acceptEncoding: "gzip, deflate, br"]
}
