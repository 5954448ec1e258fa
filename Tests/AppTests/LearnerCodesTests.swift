import Foundation
@testable import Registry
import Testing

/// A body given its learner code (`LearnerCodes.body`) is the same JSON object with the code set,
/// whether the code is written in or the body rewritten whole.
@Suite("Learner codes written into a row's body")
struct LearnerCodesTests {
    @Test(arguments: [
        #"{"fullName":"Lê Văn Hai","schoolCode":"19THCS900"}"#,  // an imported row's body: written in
        "{}",
        " {\n \"fullName\" : \"Hà\" } ",
        #"{"learnerCode":"","fullName":"Hà"}"#,  // names the member: rewritten
        #"{"learnerCode":null}"#,
        #"{"fullName":"Hà","\u006cearnerCode":""}"#,  // names it under an escape
        #"{"fullName":"Nguyễn \"Tí\" An"}"#,
        #"{"guardian":{"learnerCode":"1900000001"}}"#,  // a nested member of that name: rewritten, kept
    ])
    func theBodyGainsItsCodeAndKeepsTheRest(body: String) throws {
        let original = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let written = try #require(try LearnerCodes.body(Data(body.utf8), withCode: "1900000042"))
        let object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        var expected = original
        expected["learnerCode"] = "1900000042"
        #expect(NSDictionary(dictionary: object).isEqual(to: expected), "\(String(decoding: written, as: UTF8.self))")
    }

    @Test func aBodyThatIsNotAnObjectGetsNoCode() throws {
        #expect(try LearnerCodes.body(Data("[1]".utf8), withCode: "1900000042") == nil)
    }
}
