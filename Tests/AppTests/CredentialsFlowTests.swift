import Foundation
import HTTPTypes
import Platform
import Testing

@testable import App

@Suite("Year records as verifiable credentials: keys, the signing chain, verification, revocation, transfer")
struct CredentialsFlowTests {
    @Test(arguments: Engine.allCases)
    func aYearRecordIsApprovedSignedVerifiedRevokedAndFollowsTheLearner(engine: Engine) async throws {
        try await withApp(engine) { api in
            let r = try await RecordsWorld.build(api)
            try await r.enterWholeYear(api, learner: r.learners[0]) { _ in "8.5" }
            try await r.conduct(api, learner: r.learners[0])
            try await api.expect(.ok, .post, "/api/v1/classes/\(r.classID)/year-results", as: r.schoolAdmin)
            let schools = try await api.expect(.ok, .get, "/api/v1/org-units?kind=school", as: r.world.ministryAdmin)
            let schoolID = try #require(schools.items.first { $0["code"] as? String == "SCHC" }?["id"] as? String)
            let prepare = "/api/v1/classes/\(r.classID)/credentials/prepare"

            // No key, no drafts; only the school makes a key.
            try await api.expect(.conflict, .post, prepare, as: r.schoolAdmin)
            try await api.expect(.forbidden, .post, "/api/v1/schools/\(schoolID)/signing-keys", as: r.homeroomTeacher)
            let key = try await api.expect(.created, .post, "/api/v1/schools/\(schoolID)/signing-keys", as: r.schoolAdmin)
            #expect((key.json["did"] as? String)?.hasPrefix("did:key:z6Mk") == true)

            // Drafts come from the year results; a learner without one is named.
            let drafted = try await api.expect(.ok, .post, prepare, as: r.schoolAdmin)
            #expect(drafted.json["count"] as? Int == 1)
            #expect((drafted.json["problems"] as? [[String: Any]])?.map { $0["learnerCode"] as? String } == [r.learners[1]])
            // Drafting again replaces the unsigned draft (its approvals start over); nothing is drafted twice.
            #expect(try await api.expect(.ok, .post, prepare, as: r.schoolAdmin).json["count"] as? Int == 1)
            let sign = "/api/v1/schools/\(schoolID)/credentials/sign"
            #expect(try await api.expect(.ok, .post, sign, as: r.schoolAdmin).json["count"] as? Int == 0)  // not approved yet

            // A second account under the homeroom teacher's staff code (to approve in their name) is refused.
            let impostor = try await api.expect(.conflict, .post, "/api/v1/users", as: r.schoolAdmin,
                                                ["username": "gv.giamao", "displayName": "x", "password": "correct-horse-battery", "staffCode": "GVC002"],
                                                headers: r.schoolAdmin.csrfHeaders)
            #expect(impostor.errorField == "/staffCode")

            // The chain: the homeroom teacher approves, then the principal signs the whole school at once.
            let approve = "/api/v1/classes/\(r.classID)/credentials/approve"
            try await api.expect(.forbidden, .post, approve, as: r.mathTeacher)
            #expect(try await api.expect(.ok, .post, approve, as: r.homeroomTeacher).json["count"] as? Int == 1)
            try await api.expect(.forbidden, .post, sign, as: r.homeroomTeacher)
            #expect(try await api.expect(.ok, .post, sign, as: r.schoolAdmin).json["count"] as? Int == 1)

            let learners = try await api.expect(.ok, .get, "/api/v1/learners?pageSize=100", as: r.schoolAdmin)
            let learnerID = try #require(learners.items.first { $0["learnerCode"] as? String == r.learners[0] }?["id"] as? String)
            // A teacher sees that a record exists; the document (with its salted hash of the citizen ID) needs identity:read.
            let teacherView = try await api.expect(.ok, .get, "/api/v1/learners/\(learnerID)/credentials", as: r.homeroomTeacher)
            #expect(teacherView.items.first?["state"] as? String == "issued")
            #expect(teacherView.items.first?["credential"] is NSNull)
            let list = try await api.expect(.ok, .get, "/api/v1/learners/\(learnerID)/credentials", as: r.schoolAdmin)
            let entry = try #require(list.items.first)
            #expect(entry["state"] as? String == "issued")
            let credential = try #require(entry["credential"] as? [String: Any])
            #expect(credential["proof"] != nil)
            let credentialText = String(decoding: try JSONSerialization.data(withJSONObject: credential, options: [.withoutEscapingSlashes]), as: UTF8.self)
            #expect(!credentialText.contains("019214000111"), "the citizen ID appears only as a salted hash")

            // Anyone can verify it; a changed byte fails; the public registry names the school.
            let verify = "/api/v1/credentials/verify"
            let valid = try await api.call(.post, verify, json: credentialText)
            #expect(valid.status == .ok)
            #expect(valid.json["valid"] as? Bool == true, "\(valid.text)")
            let tampered = try await api.call(.post, verify, json: credentialText.replacingOccurrences(of: "Nguyễn Minh Khoa", with: "Nguyễn Minh Khoe"))
            #expect(tampered.json["valid"] as? Bool == false)
            let registry = try await api.call(.get, "/api/v1/credentials/registry")
            #expect(registry.status == .ok && registry.text.contains("SCHC"))
            #expect(try await api.call(.post, verify, json: "{not json").status == .badRequest)
            #expect(try await api.call(.post, verify, json: #"{"type":["VerifiableCredential"]}"#).json["valid"] as? Bool == false)

            // The public page takes an uploaded file (multipart, no script) and shows the verdict and each check.
            let page = try await api.call(.get, "/verify")
            #expect(page.status == .ok && page.text.contains("enctype=\"multipart/form-data\""))
            let uploaded = try await api.call(.post, "/verify", headers: [.contentType: "multipart/form-data; boundary=XyZ"],
                                              body: Self.multipart(boundary: "XyZ", fields: [("credential", ""), ("file", credentialText)]))
            #expect(uploaded.status == .ok)
            #expect(uploaded.text.contains("HỢP LỆ") && uploaded.text.contains("SCHC"), "\(uploaded.text)")
            let garbage = try await api.call(.post, "/verify", headers: [.contentType: "multipart/form-data; boundary=XyZ"],
                                             body: Self.multipart(boundary: "XyZ", fields: [("credential", "{not json")]))
            #expect(garbage.status == .unprocessableContent)

            // Revoked with a reason: verification now fails; a new version can be drafted.
            let credentialID = try #require(entry["id"] as? String)
            try await api.expect(.unprocessableContent, .post, "/api/v1/credentials/\(credentialID)/revoke", as: r.schoolAdmin, ["reason": " "])
            try await api.expect(.forbidden, .post, "/api/v1/credentials/\(credentialID)/revoke", as: r.homeroomTeacher, ["reason": "sai điểm"])
            try await api.expect(.noContent, .post, "/api/v1/credentials/\(credentialID)/revoke", as: r.schoolAdmin, ["reason": "sai điểm Toán"])
            let revoked = try await api.call(.post, verify, json: credentialText)
            #expect(revoked.json["valid"] as? Bool == false)
            #expect((revoked.json["verdict"] as? String)?.contains("revoked") == true, "\(revoked.text)")
            let redrafted = try await api.expect(.ok, .post, prepare, as: r.schoolAdmin)
            #expect(redrafted.json["count"] as? Int == 1)

            // A transfer: the receiving school reads what this school signed; before it, nothing.
            try await api.expect(.notFound, .get, "/api/v1/learners/\(learnerID)/credentials", as: r.world.schoolAdminA)
            let transfer = try await api.expect(.created, .post, "/api/v1/transfers", as: r.schoolAdmin, [
                "learnerCode": r.learners[0], "toSchoolCode": "SCHA", "schoolYear": World.year, "effectiveDate": "2026-11-02"])
            try await api.expect(.ok, .post, "/api/v1/transfers/\(try #require(transfer.json["id"] as? String))/approve",
                                 as: r.world.schoolAdminA, ["className": "1A1"])
            let received = try await api.expect(.ok, .get, "/api/v1/learners/\(learnerID)/credentials", as: r.world.schoolAdminA)
            #expect(received.items.map { $0["state"] as? String } == ["revoked"])
        }
    }

    static func multipart(boundary: String, fields: [(String, String)]) -> [UInt8] {
        Array((fields.map { name, value in
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\(name == "file" ? "; filename=\"hocba.json\"\r\nContent-Type: application/json" : "")\r\n\r\n\(value)\r\n"
        }.joined() + "--\(boundary)--\r\n").utf8)
    }
}
