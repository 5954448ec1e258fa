import CitizenID
import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// The three endpoints of the protocol (documented on `PopulationRegistryService`).
extension PopulationRegistryService {
    func issueToken(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = FormBody.parse(String(buffer: body))
        guard form["grant_type"] == "client_credentials" else {
            throw RegistryProblem(status: .badRequest, code: "unsupported_grant_type",
                                  message: "grant_type must be client_credentials", oauth: true)
        }
        guard let credentials = ClientCredentials.from(authorization: request.headers[.authorization], form: form),
              ClientCredentials.same(credentials.id, settings.clientID), ClientCredentials.same(credentials.secret, settings.clientSecret)
        else {
            counters.update { $0.unauthorized += 1 }
            throw RegistryProblem(status: .unauthorized, code: "invalid_client", message: "unknown client or wrong secret",
                                  oauth: true, wwwAuthenticate: #"Basic realm="population-registry""#)
        }
        let (token, expiresIn) = tokens.issue()
        var response = try json(RegistryWire.TokenResponse(access_token: token, token_type: "Bearer", expires_in: expiresIn))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    func lookup(_ request: Request) async throws -> Response {
        try authorize(request)
        // 12 digits and quotes and a comma per ID, with room for spacing.
        let body = try await request.body.collect(upTo: settings.maxBatchSize * 64 + 4096)
        guard let lookup = try? JSONDecoder().decode(RegistryWire.LookupRequest.self, from: Data(buffer: body)) else {
            throw RegistryProblem.invalidRequest(#"the body must be {"soDinhDanh": ["…", …]}"#)
        }
        guard !lookup.soDinhDanh.isEmpty else { throw RegistryProblem.invalidRequest("soDinhDanh holds no ID") }
        guard lookup.soDinhDanh.count <= settings.maxBatchSize else {
            throw RegistryProblem(status: .contentTooLarge, code: "batch_too_large",
                                  message: "\(lookup.soDinhDanh.count) IDs in one lookup; at most \(settings.maxBatchSize)")
        }
        if let bad = lookup.soDinhDanh.firstIndex(where: { !RegistryDigits.isDigits($0, count: 12) }) {
            throw RegistryProblem(status: .badRequest, code: "invalid_citizen_id",
                                  message: "soDinhDanh[\(bad)] '\(lookup.soDinhDanh[bad])' is not 12 digits")
        }
        let results = lookup.soDinhDanh.map { id in
            let citizen = index.citizen(id)
            return RegistryWire.LookupResult(soDinhDanh: id, found: citizen != nil, citizen: citizen)
        }
        return try json(RegistryWire.LookupResponse(results: results))
    }

    func search(_ request: Request) async throws -> Response {
        try authorize(request)
        // Form decoding: `+` is a space, as curl, browsers and most HTTP libraries send it.
        let parameters = FormBody.parse(request.uri.query ?? "")
        guard let name = parameters["hoVaTen"], !NameKey.folded(name).isEmpty else {
            throw RegistryProblem.invalidRequest("hoVaTen is required")
        }
        guard let yearText = parameters["namSinh"], yearText.count == 4, let year = Int(yearText) else {
            throw RegistryProblem.invalidRequest("namSinh is required, as a 4-digit year")
        }
        var query = CitizenQuery(hoVaTen: name, namSinh: year)
        if let sex = parameters["gioiTinh"], !sex.isEmpty {
            guard let parsed = Sex(rawValue: sex) else { throw RegistryProblem.invalidRequest("gioiTinh must be male or female") }
            query.gioiTinh = parsed
        }
        if let province = parameters["noiDangKyKhaiSinh"], !province.isEmpty { query.noiDangKyKhaiSinh = province }
        if let problem = query.problem { throw RegistryProblem.invalidRequest(problem) }
        var pageSize = settings.pageSize
        if let text = parameters["pageSize"], !text.isEmpty {
            guard let size = Int(text), (1...settings.maxPageSize).contains(size) else {
                throw RegistryProblem.invalidRequest("pageSize must be a whole number from 1 to \(settings.maxPageSize)")
            }
            pageSize = size
        }
        var after: String?
        if let token = parameters["pageToken"], !token.isEmpty {
            guard let cursor = try? PageToken.decode(token), cursor.hasPrefix("after:"),
                  RegistryDigits.isDigits(String(cursor.dropFirst(6)), count: 12) else {
                throw RegistryProblem(status: .badRequest, code: "invalid_page_token", message: "pageToken is not one this service issued")
            }
            after = String(cursor.dropFirst(6))
        }
        let page = index.search(query, after: after, limit: pageSize)
        return try json(RegistryWire.SearchResponse(items: page.items, nextPageToken: page.lastID.map { PageToken.encode("after:" + $0) }))
    }

    /// Requires a live bearer token and the calling agency's code.
    private func authorize(_ request: Request) throws(RegistryProblem) {
        let header = request.headers[.authorization] ?? ""
        guard header.lowercased().hasPrefix("bearer "), case let token = String(header.dropFirst(7)), !token.isEmpty else {
            throw unauthorized("missing_token", "an Authorization: Bearer token from POST /oauth/token is required", error: nil)
        }
        switch tokens.check(token) {
        case .valid: break
        case .unknown: throw unauthorized("invalid_token", "the access token is not one this service issued", error: "invalid_token")
        case .expired: throw unauthorized("token_expired", "the access token has expired; get a new one", error: "invalid_token")
        }
        guard request.headers[HTTPField.Name(RegistryWire.agencyCodeHeader)!]?.isEmpty == false else {
            throw RegistryProblem(status: .badRequest, code: "agency_code_missing", message: "the \(RegistryWire.agencyCodeHeader) header is required")
        }
    }

    private func unauthorized(_ code: String, _ message: String, error: String?) -> RegistryProblem {
        counters.update { $0.unauthorized += 1 }
        let challenge = #"Bearer realm="population-registry""# + (error.map { #", error="\#($0)""# } ?? "")
        return RegistryProblem(status: .unauthorized, code: code, message: message, wwwAuthenticate: challenge)
    }

    private func json<T: Encodable>(_ value: T) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try JSON.encoder.encode(value))))
    }
}
