import Fees
import Foundation
import HTTPTypes
import Platform
import SQLKit
import Testing

@testable import App

/// A candidate's own page in the browser, over a real socket: signed in with the account the school
/// issued, they pay the registration fee at the gateway, read their result, place their wishes and
/// confirm their admission, each only while the season allows it.
@Suite("Web pages: the exam candidate")
struct WebCandidateTests {
    static let gatewayURL = "http://127.0.0.1:9"

    @Test(arguments: Engine.allCases)
    func aCandidatePaysReadsTheResultPlacesWishesAndConfirms(engine: Engine) async throws {
        try await withApp(engine, mode: .live, configure: { configuration in
            configuration.fees = FeesSettings(gatewayURL: Self.gatewayURL, secret: "test-secret-for-the-checkout-signature",
                                              returnURL: "http://127.0.0.1/payments/return", reconcileIntervalSeconds: 0)
        }) { api in
            let e = try await ExamWorld.build(api)
            var season = ExamWorld.timeline(registrationOpen: true)
            season["registrationFeeVND"] = 50_000
            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)", as: e.world.ministryAdmin, season)
            let subjects = ["TOAN", "NGUVAN", "VATLI", "HOAHOC"]
            let created = try await api.expect(.created, .post, "/api/v1/exam-seasons/\(e.seasonID)/registrations", as: e.school, [
                "learnerCode": e.grade12, "subjects": subjects, "yearAverages": ["grade10": "7.00", "grade11": "7.00", "grade12": "7.00"],
                "purposes": ["graduation", "admission"]])
            let id = try #require(created.json["id"] as? String)
            let account = try await api.expect(.created, .post, "/api/v1/exam-registrations/\(id)/candidate-account", as: e.school)
            let candidate = try await Browser.signIn(api, ExamWorld.grade12CitizenID, password: try #require(account.json["password"] as? String))

            // Signed in, the candidate lands on their exam.
            let home = try await api.call(.get, "/", as: candidate)
            #expect(home.status == .seeOther && home.headers[.location] == "/my-exam")
            let page = try await api.call(.get, "/my-exam", as: candidate)
            #expect(page.status == .ok)
            #expect(page.text.contains("<a href=\"/my-exam\" aria-current=\"page\">Kỳ thi của tôi</a>"))
            #expect(page.text.contains("Đinh Quang Huy") && page.text.contains("Toán, Ngữ văn, Vật lí, Hoá học"))
            #expect(page.text.contains("Chờ nhà trường (hoặc Sở) xác nhận"))
            #expect(page.text.contains("Lệ phí: 50.000 đ · Chưa nộp"))
            #expect(page.text.contains("action=\"/my-exam/fees/registration\""))
            #expect(page.text.contains("Chưa công bố kết quả."))

            let compressed = try await api.call(.get, "/my-exam", as: candidate, headers: Browser.acceptGzip)
            #expect(compressed.headers[.contentEncoding] == "gzip" && compressed.bytes.count < 100_000)

            // The candidate chooses their electives while registration is open; the school confirms again.
            let token = try Browser.formToken(page)
            #expect(page.text.contains("<option value=\"HOAHOC\" selected>Hoá học</option>"))
            let same = try await api.call(.post, "/my-exam/registration", as: candidate, form: Browser.encode([
                ("csrf", token), ("elective-1", "VATLI"), ("elective-2", "VATLI"), ("language", "")]))
            #expect(same.status == .unprocessableContent && same.text.contains("a subject is listed twice"))
            let chosen = try await api.call(.post, "/my-exam/registration", as: candidate, form: Browser.encode([
                ("csrf", token), ("elective-1", "VATLI"), ("elective-2", "NGOAINGU"), ("language", "N1")]))
            #expect(chosen.status == .ok && chosen.text.contains("Đã lưu môn thi"))
            #expect(chosen.text.contains("Toán, Ngữ văn, Vật lí, Ngoại ngữ"))
            let stored = try await api.expect(.ok, .get, "/api/v1/exam-registrations/\(id)", as: e.school)
            #expect(stored.json["subjects"] as? [String] == ["TOAN", "NGUVAN", "VATLI", "NGOAINGU"] && stored.json["foreignLanguage"] as? String == "N1")
            // Back to the subjects the exam's scores below are entered for.
            try await api.expect(.ok, .put, "/api/v1/exam-registrations/\(id)", as: e.school, ["subjects": subjects])

            // Paying: an order for the candidate, and the browser is sent to the gateway's signed page.
            #expect(try await api.call(.post, "/my-exam/fees/registration", as: candidate, form: "").status == .forbidden)
            let pay = try await api.call(.post, "/my-exam/fees/registration", as: candidate, form: Browser.encode([("csrf", token)]))
            #expect(pay.status == .seeOther)
            let location = try #require(pay.headers[.location])
            #expect(location.hasPrefix(Self.gatewayURL) && location.contains("vnp_Amount=5000000") && location.contains("vnp_SecureHash="))
            let order = try await api.database.read { db in
                try await db.raw("SELECT id, status FROM fee_orders WHERE reference_id = \(bind: id)").all()
            }
            #expect(order.count == 1)
            // The gateway's signed IPN settles an order (FeePaymentsTests); here the settled state is written directly.
            try await api.database.transaction { db in
                try await db.raw("UPDATE fee_orders SET status = 'paid' WHERE reference_id = \(bind: id)").run()
            }
            #expect(try await api.call(.get, "/my-exam", as: candidate).text.contains("Lệ phí: 50.000 đ · <strong>Đã nộp</strong>"))
            let again = try await api.call(.post, "/my-exam/fees/registration", as: candidate, form: Browser.encode([("csrf", token)]))
            #expect(again.status == .conflict && again.text.contains("already paid"))

            // The exam is sat and the results are out: the result shows, and wishes open.
            for code in ["BK01", "BK02"] {
                try await api.expect(.created, .post, "/api/v1/exam-seasons/\(e.seasonID)/programs", as: e.world.ministryAdmin, [
                    "code": code, "name": code == "BK01" ? "Kĩ thuật máy tính" : "Cơ khí", "institution": "BKA", "quota": 5,
                    "combinations": [["code": "A00", "subjects": ["TOAN", "VATLI", "HOAHOC"]]], "threshold": "18"])
            }
            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)", as: e.world.ministryAdmin, ExamWorld.timeline())
            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)/scores", as: e.world.departmentAdminA, ["items": subjects.map {
                ["citizenId": ExamWorld.grade12CitizenID, "subject": $0, "score": "8.5"]
            }])
            try await api.expect(.ok, .post, "/api/v1/exam-seasons/\(e.seasonID)/results", as: e.world.departmentAdminA)
            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)", as: e.world.ministryAdmin, ExamWorld.admissionTimeline(wishesOpen: true))
            let results = try await api.call(.get, "/my-exam", as: candidate)
            #expect(results.text.contains("<th scope=\"row\">Vật lí</th><td>8,50</td>"), "\(results.text)")
            #expect(results.text.contains("<strong>Đỗ tốt nghiệp</strong>"))
            #expect(results.text.contains("<option value=\"BK02\">BK02 · Cơ khí</option>"))

            // Wishes, first choice first; a programme twice is refused and nothing changes.
            let twice = try await api.call(.post, "/my-exam/wishes", as: candidate, form: Browser.encode([
                ("csrf", token), ("wish-0", "BK01"), ("wish-1", "BK01")]))
            #expect(twice.status == .unprocessableContent && twice.text.contains("Nguyện vọng 2: BK01 is listed twice"))
            let placed = try await api.call(.post, "/my-exam/wishes", as: candidate, form: Browser.encode([
                ("csrf", token), ("wish-0", "BK02"), ("wish-1", ""), ("wish-2", "BK01")]))
            #expect(placed.status == .ok && placed.text.contains("Đã lưu nguyện vọng"))
            let wishes = try await api.expect(.ok, .get, "/api/v1/exam-registrations/\(id)/wishes", as: e.school).items
            #expect(wishes.map { $0["programCode"] as? String } == ["BK02", "BK01"])

            // Wishes close, the clearing admits the first wish, and the candidate confirms once.
            try await api.expect(.ok, .put, "/api/v1/exam-seasons/\(e.seasonID)", as: e.world.ministryAdmin, ExamWorld.admissionTimeline(wishesOpen: false))
            let closedWishes = try await api.call(.post, "/my-exam/wishes", as: candidate, form: Browser.encode([("csrf", token), ("wish-0", "BK01")]))
            #expect(closedWishes.status == .conflict)
            try await api.expect(.ok, .post, "/api/v1/exam-seasons/\(e.seasonID)/clearing", as: e.world.ministryAdmin)
            let admitted = try await api.call(.get, "/my-exam", as: candidate)
            #expect(admitted.text.contains("Trúng tuyển: <strong>BK02 · Cơ khí</strong>"))
            #expect(admitted.text.contains(" (xét điểm thi tốt nghiệp THPT)</p>"))
            #expect(admitted.text.contains("action=\"/my-exam/admission\""))
            let confirmed = try await api.call(.post, "/my-exam/admission", as: candidate, form: Browser.encode([("csrf", token)]))
            #expect(confirmed.status == .ok && confirmed.text.contains("Đã xác nhận nhập học."))
            #expect(try await api.expect(.ok, .get, "/api/v1/exam-registrations/\(id)/admission", as: e.school).json["confirmed"] as? Bool == true)
            let twiceConfirmed = try await api.call(.post, "/my-exam/admission", as: candidate, form: Browser.encode([("csrf", token)]))
            #expect(twiceConfirmed.status == .conflict && twiceConfirmed.text.contains("already confirmed"))

            // Someone who is not a candidate has no exam page.
            let teacher = try await Browser.signIn(api, "teacher.a")
            #expect(try await api.call(.get, "/my-exam", as: teacher).status == .notFound)
        }
    }
}
