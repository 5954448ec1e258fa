import Foundation
import HTTPTypes
import OneRoster
import Platform
import Testing

/// The rostering REST service: OAuth2 client credentials with the roster-core.readonly scope,
/// each client confined to its org nodes, the spec's envelope, paging and filters.
@Suite("OneRoster REST, on SQLite and PostgreSQL")
struct OneRosterRESTTests {
    static let base = "/ims/oneroster/rostering/v1p2"

    @Test(arguments: Engine.allCases)
    func clientsSeeOnlyTheirSchools(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let lmsA = try await api.client("lms-a", scopes: [.rosterCoreReadonly], at: "SCHA")
            let codeA = try #require(world.learnerA["learnerCode"]), codeB = try #require(world.learnerB["learnerCode"])

            let users = try await api.expect(.ok, .get, "\(Self.base)/users", as: lmsA)
            let ids = Set((users.json["users"] as? [[String: Any]] ?? []).compactMap { $0["sourcedId"] as? String })
            #expect(ids == [RosterKeys.learner(codeA), RosterKeys.staff("GVA001")])
            #expect(users.headers[HTTPField.Name("X-Total-Count")!] == "2")
            try await api.expect(.notFound, .get, "\(Self.base)/users/\(RosterKeys.learner(codeB))", as: lmsA)
            let one = try await api.expect(.ok, .get, "\(Self.base)/students/\(RosterKeys.learner(codeA))", as: lmsA)
            let user = try #require(one.json["user"] as? [String: Any])
            #expect(user["identifier"] as? String == codeA && user["givenName"] as? String == "An")
            #expect(((user["roles"] as? [[String: Any]])?.first)?["role"] as? String == "student")

            let schools = try await api.expect(.ok, .get, "\(Self.base)/schools", as: lmsA)
            #expect((schools.json["orgs"] as? [[String: Any]])?.compactMap { $0["identifier"] as? String } == ["SCHA"])
            let teachers = try await api.expect(.ok, .get, "\(Self.base)/teachers", as: lmsA)
            #expect((teachers.json["users"] as? [[String: Any]])?.count == 1)
            let classes = try await api.expect(.ok, .get, "\(Self.base)/classes", as: lmsA)
            #expect((classes.json["classes"] as? [[String: Any]])?.count == 1)
            try await api.expect(.ok, .get, "\(Self.base)/academicSessions", as: lmsA)
        }
    }

    @Test(arguments: Engine.allCases)
    func pagingFilteringAndFields(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            let lmsA = try await api.client("lms-a", scopes: [.rosterCoreReadonly], at: "SGDA")
            let codeA = try #require(world.learnerA["learnerCode"])
            let first = try await api.expect(.ok, .get, "\(Self.base)/users?limit=1", as: lmsA)
            let second = try await api.expect(.ok, .get, "\(Self.base)/users?limit=1&offset=1", as: lmsA)
            let a = (first.json["users"] as? [[String: Any]])?.first?["sourcedId"] as? String
            let b = (second.json["users"] as? [[String: Any]])?.first?["sourcedId"] as? String
            #expect(a != nil && b != nil && a != b)
            #expect(first.headers[HTTPField.Name("X-Total-Count")!] == "2")
            #expect(first.headers[HTTPField.Name("Link")!]?.contains("offset=1") == true)

            let filtered = try await api.expect(.ok, .get, "\(Self.base)/users?filter=identifier%3D%27\(codeA)%27&fields=sourcedId,identifier", as: lmsA)
            let found = try #require((filtered.json["users"] as? [[String: Any]])?.first)
            #expect(Set(found.keys) == ["sourcedId", "identifier"] && found["identifier"] as? String == codeA)
            let sorted = try await api.expect(.ok, .get, "\(Self.base)/users?sort=identifier&orderBy=desc", as: lmsA)
            let order = (sorted.json["users"] as? [[String: Any]])?.compactMap { $0["identifier"] as? String } ?? []
            #expect(order == order.sorted(by: >) && order.count == 2)
            let bad = try await api.expect(.badRequest, .get, "\(Self.base)/users?filter=nosuch%3D%27x%27", as: lmsA)
            #expect(bad.json["imsx_codeMajor"] as? String == "failure")
        }
    }

    @Test(arguments: Engine.allCases)
    func tokensAndScopes(engine: Engine) async throws {
        try await withApp(engine) { api in
            let world = try await World.build(api)
            try await api.expect(.unauthorized, .get, "\(Self.base)/users", as: .anonymous)
            try await api.expect(.unauthorized, .get, "\(Self.base)/orgs", as: Caller(bearer: "not-a-token"))
            // A client without the rostering scope, and a signed-in user, are refused.
            try await api.expect(.forbidden, .get, "\(Self.base)/users", as: world.clientA)
            try await api.expect(.forbidden, .get, "\(Self.base)/users", as: world.ministryAdmin)

            // The token request may name the OneRoster scope; one the client lacks is refused.
            let access = AccessStore(database: api.database)
            let credentials = try await access.createClient(name: "lms", scopes: [.rosterCoreReadonly])
            let scope = Permission.rosterCoreReadonly.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let form = "grant_type=client_credentials&client_id=\(credentials.clientID)&client_secret=\(credentials.clientSecret)"
            let granted = try await api.call(.post, "/oauth/token", form: form + "&scope=\(scope)")
            #expect(granted.status == .ok && (granted.json["scope"] as? String)?.contains("roster-core.readonly") == true)
            let refused = try await api.call(.post, "/oauth/token", form: form + "&scope=registry%3Awrite")
            #expect(refused.status == .badRequest && refused.json["error"] as? String == "invalid_scope")
            // Unbound to any node, the client sees nothing at all.
            let token = try #require(granted.json["access_token"] as? String)
            try await api.expect(.forbidden, .get, "\(Self.base)/users", as: Caller(bearer: token))
        }
    }
}
