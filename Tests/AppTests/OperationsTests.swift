import Foundation
import HTTPTypes
import Platform
import Testing

@Suite("Operations and the OpenAPI document")
struct OperationsTests {
    @Test(arguments: Engine.allCases)
    func healthAndMetrics(engine: Engine) async throws {
        try await withApp(engine) { api in
            let health = try await api.expect(.ok, .get, "/health", as: .anonymous)
            #expect(health.json["database"] as? String == engine.rawValue)
            let metrics = try await api.expect(.ok, .get, "/metrics", as: .anonymous)
            #expect(metrics.text.contains("hb_requests"))
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }

    /// The served document is valid OpenAPI 3.1 (checked by openapi-spec-validator) and lists every
    /// route the router answers: each documented path answers something other than the router's 404.
    @Test func openAPIDocumentIsValidAndComplete() async throws {
        try await withApp(.sqlite) { api in
            let response = try await api.expect(.ok, .get, "/api/v1/openapi.json", as: .anonymous)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-openapi-\(UUID().uuidString).json")
            try Data(response.text.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import sys; from openapi_spec_validator import validate; from openapi_spec_validator.readers import read_from_filename; d,_ = read_from_filename(sys.argv[1]); validate(d); print('valid')", file.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            process.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "openapi-spec-validator: \(text)")

            let document = response.json
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var operations = 0
            for (path, methods) in paths {
                for method in methods.keys {
                    operations += 1
                    let concrete = path.replacingOccurrences(of: "\\{[^}]+\\}", with: "x", options: .regularExpression)
                    let answer = try await api.call(HTTPRequest.Method(method.uppercased())!, concrete, json: method == "get" ? nil : "{}")
                    // Unauthenticated calls of protected routes answer 401; public ones anything but an unrouted 404.
                    let unrouted = answer.status == .notFound && !answer.text.contains("not-found")
                    #expect(!unrouted, "\(method.uppercased()) \(path) is documented but not routed")
                }
            }
            #expect(operations >= 45)
        }
    }
}
