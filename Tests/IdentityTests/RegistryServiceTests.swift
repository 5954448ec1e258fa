import Foundation
@testable import Identity
import Platform
import Testing

/// The protocol as a caller without NEMIS's client sees it: raw HTTP requests to the running service.
@Suite("Population registry service protocol")
struct RegistryServiceTests {
    static func json(_ body: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    static func token(_ server: RegistryServer) async throws -> String {
        let form = "grant_type=client_credentials&client_id=\(RegistryServer.clientID)&client_secret="
            + RegistryTransport.formEncoded(RegistryServer.clientSecret)
        let answer = try await PlainHTTPClient.send(.POST, server.url + "/oauth/token",
                                                    headers: [("Content-Type", "application/x-www-form-urlencoded")], body: form)
        #expect(answer.status == 200, "\(answer.body)")
        let body = json(answer.body)
        #expect(body["token_type"] as? String == "Bearer")
        #expect(body["expires_in"] as? Int == 3600)
        return try #require(body["access_token"] as? String)
    }

    static func lookup(_ server: RegistryServer, _ ids: [String], token: String?, agency: String? = "BGDDT",
                       requestID: String? = nil) async throws -> PlainHTTPClient.Response {
        var headers = [("Content-Type", "application/json")]
        if let token { headers.append(("Authorization", "Bearer " + token)) }
        if let agency { headers.append(("X-Agency-Code", agency)) }
        if let requestID { headers.append(("X-Request-Id", requestID)) }
        return try await PlainHTTPClient.send(.POST, server.url + "/v1/citizens/lookup", headers: headers,
                                              body: try JSON.string(["soDinhDanh": ids]))
    }

    @Test func tokenEndpointChecksGrantAndCredentials() async throws {
        try await RegistryServer.with { server in
            _ = try await Self.token(server)
            let basic = Data("\(RegistryServer.clientID):\(RegistryTransport.formEncoded(RegistryServer.clientSecret))".utf8).base64EncodedString()
            let viaBasic = try await PlainHTTPClient.send(.POST, server.url + "/oauth/token",
                                                          headers: [("Authorization", "Basic " + basic)], body: "grant_type=client_credentials")
            #expect(viaBasic.status == 200)

            let wrong = try await PlainHTTPClient.send(.POST, server.url + "/oauth/token",
                                                       body: "grant_type=client_credentials&client_id=nemis-test&client_secret=guess")
            #expect(wrong.status == 401)
            #expect(Self.json(wrong.body)["code"] as? String == "invalid_client")
            #expect(Self.json(wrong.body)["error"] as? String == "invalid_client", "OAuth clients read `error`")

            let grant = try await PlainHTTPClient.send(.POST, server.url + "/oauth/token", headers: [("Authorization", "Basic " + basic)],
                                                       body: "grant_type=password")
            #expect(grant.status == 400 && Self.json(grant.body)["code"] as? String == "unsupported_grant_type")
            #expect(server.service.statistics.tokensIssued == 2)
        }
    }

    @Test func lookupNeedsALiveTokenAndTheAgencyCode() async throws {
        try await RegistryServer.with { server in
            let id = RegistryFixtures.binh.soDinhDanh
            let none = try await Self.lookup(server, [id], token: nil)
            #expect(none.status == 401 && Self.json(none.body)["code"] as? String == "missing_token")
            #expect(none.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)

            let forged = try await Self.lookup(server, [id], token: "not-a-token")
            #expect(forged.status == 401 && Self.json(forged.body)["code"] as? String == "invalid_token")

            let token = try await Self.token(server)
            let noAgency = try await Self.lookup(server, [id], token: token, agency: nil)
            #expect(noAgency.status == 400 && Self.json(noAgency.body)["code"] as? String == "agency_code_missing")

            let good = try await Self.lookup(server, [id, RegistryFixtures.unknownID], token: token, requestID: "req-42")
            #expect(good.status == 200)
            #expect(good.header("X-Request-Id") == "req-42", "the request ID is echoed")
            let results = try #require(Self.json(good.body)["results"] as? [[String: Any]])
            #expect(results.count == 2)
            #expect(results[0]["found"] as? Bool == true && results[1]["found"] as? Bool == false)
            let citizen = try #require(results[0]["citizen"] as? [String: Any])
            #expect(citizen["hoVaTen"] as? String == "Trần Thị Bình" && citizen["ten"] as? String == "Bình")
            #expect(citizen["ngayThangNamSinh"] as? String == "2011-03-04" && citizen["gioiTinh"] as? String == "female")
            #expect(citizen["noiDangKyKhaiSinh"] as? String == "001")

            server.clock.advance(by: 3601)
            let expired = try await Self.lookup(server, [id], token: token)
            #expect(expired.status == 401 && Self.json(expired.body)["code"] as? String == "token_expired")
            #expect(Self.json(expired.body)["requestId"] as? String != nil, "errors carry the request ID")
        }
    }

    @Test func lookupRefusesOversizedBatchesAndBadIDs() async throws {
        try await RegistryServer.with({ $0.maxBatchSize = 5 }) { server in
            let token = try await Self.token(server)
            let six = RegistryFixtures.namesakes.prefix(6).map(\.soDinhDanh)
            let tooMany = try await Self.lookup(server, six, token: token)
            #expect(tooMany.status == 413 && Self.json(tooMany.body)["code"] as? String == "batch_too_large")
            let five = try await Self.lookup(server, Array(six.prefix(5)), token: token)
            #expect(five.status == 200)

            let bad = try await Self.lookup(server, ["001210000101", "7.92051E+10"], token: token)
            #expect(bad.status == 400 && Self.json(bad.body)["code"] as? String == "invalid_citizen_id")
            #expect((Self.json(bad.body)["message"] as? String)?.contains("soDinhDanh[1]") == true)

            let nowhere = try await PlainHTTPClient.send(.GET, server.url + "/v1/people", headers: [("Authorization", "Bearer " + token)])
            #expect(nowhere.status == 404 && Self.json(nowhere.body)["code"] as? String == "not_found")
        }
    }

    @Test func searchPagesAndRefusesForeignPageTokens() async throws {
        try await RegistryServer.with({ $0.pageSize = 3 }) { server in
            let token = try await Self.token(server)
            let headers = [("Authorization", "Bearer " + token), ("X-Agency-Code", "BGDDT")]
            let base = server.url + "/v1/citizens/search?hoVaTen=Nguy%E1%BB%85n%20V%C4%83n%20An&namSinh=2010&noiDangKyKhaiSinh=001"
            let first = try await PlainHTTPClient.send(.GET, base, headers: headers)
            #expect(first.status == 200, "\(first.body)")
            let page = Self.json(first.body)
            #expect((page["items"] as? [Any])?.count == 3)
            let next = try #require(page["nextPageToken"] as? String)
            let second = Self.json(try await PlainHTTPClient.send(.GET, base + "&pageToken=\(next)", headers: headers).body)
            #expect((second["items"] as? [[String: Any]])?.first?["soDinhDanh"] as? String == "001210000104")

            let forged = try await PlainHTTPClient.send(.GET, base + "&pageToken=" + PageToken.encode("offset:3"), headers: headers)
            #expect(forged.status == 400 && Self.json(forged.body)["code"] as? String == "invalid_page_token")
            let plus = Self.json(try await PlainHTTPClient.send(.GET, server.url + "/v1/citizens/search?hoVaTen=nguyen+van+an&namSinh=2010&gioiTinh=male",
                                                                headers: headers).body)
            #expect((plus["items"] as? [Any])?.count == 3, "a `+` in a query string is a space")
            let noYear = try await PlainHTTPClient.send(.GET, server.url + "/v1/citizens/search?hoVaTen=An", headers: headers)
            #expect(noYear.status == 400 && Self.json(noYear.body)["code"] as? String == "invalid_request")
        }
    }
}
