import Foundation
import Testing
@testable import PersonMatching

@Suite("Match model: weights, term frequency, Codable, explanations")
struct MatchModelTests {
    let model = MatchModel.shippedDefault

    @Test("agreement weighs for a match, disagreement against, missing nothing")
    func weights() {
        for field in MatchField.allCases {
            #expect(model.weight(field, level: 0) > 0, "\(field) agreement")
            #expect(model.weight(field, level: field.missingLevel) == 0, "\(field) missing")
        }
        #expect(model.weight(.givenName, level: NamePartLevel.different.index) < 0)
        #expect(model.weight(.dateOfBirth, level: DateLevel.different.index) < 0)
        #expect(model.weight(.sex, level: SexLevel.different.index) < 0)
        // Family names carry little evidence (Nguyễn is 38%): less than given names.
        #expect(model.weight(.familyName, level: 0) < model.weight(.givenName, level: 0))
    }

    @Test("a rare given name agreeing is stronger evidence than a common one")
    func termFrequency() {
        let rare = model.givenNameWeight(level: .exact, frequency: 0.0005)
        let common = model.givenNameWeight(level: .exact, frequency: 0.05)
        let plain = model.givenNameWeight(level: .exact, frequency: nil)
        #expect(rare > plain && plain > common)
        #expect(model.givenNameWeight(level: .different, frequency: 0.05) == model.weight(.givenName, level: 5))
        #expect(rare - plain <= model.termFrequency.maximumAdjustment)
    }

    @Test("the model round-trips through JSON and rejects invalid tables")
    func codable() throws {
        let data = try JSONEncoder().encode(model)
        let decoded = try JSONDecoder().decode(MatchModel.self, from: data)
        #expect(decoded == model)
        var object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["lambda"] = 1.5
        let badLambda = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MatchModel.self, from: badLambda) }
        var fields = model.fields
        fields[0].levels.removeLast()
        #expect(throws: MatchModelError.self) { try MatchModel(lambda: 0.1, fields: fields) }
        fields = model.fields
        fields[2].levels[0].m = 0
        #expect(throws: MatchModelError.probabilityOutOfRange(field: .givenName, level: "exact")) {
            try MatchModel(lambda: 0.1, fields: fields)
        }
    }

    @Test("a training summary saved before m came from ID-linked pairs still reads, as EM's")
    func oldTrainingSummary() throws {
        let saved = Data(#"{"randomPairs":40000,"candidatePairs":20000,"emIterations":13,"converged":true}"#.utf8)
        let summary = try JSONDecoder().decode(TrainingSummary.self, from: saved)
        #expect(summary == TrainingSummary(randomPairs: 40_000, candidatePairs: 20_000, emIterations: 13, converged: true))
        #expect(!summary.mFromLinkedPairs)
        let current = TrainingSummary(
            randomPairs: 1, candidatePairs: 2, linkedPairs: 3, mFromLinkedPairs: true, emIterations: 4, converged: false)
        #expect(try JSONDecoder().decode(TrainingSummary.self, from: JSONEncoder().encode(current)) == current)
    }

    @Test("explain gives each field's level, weight and evidence, summing to the match weight")
    func explain() throws {
        let person = try RegistryPerson(
            citizenID: "001208123456", familyName: "Nguyễn", middleName: "Văn", givenName: "Đức",
            dateOfBirth: CivilDate(year: 2008, month: 9, day: 5), sex: .male, birthProvince: "001")
        let record = PersonRecord(
            fullName: "Duc Nguyen Van", dateOfBirth: CivilDate(year: 2008, month: 5, day: 9), sex: .male)
        let explanation = model.explain(record, person, givenNameFrequency: 0.01)
        #expect(explanation.fields.map(\.field) == MatchField.allCases)
        #expect(explanation.nameOrder == .givenFirst)
        let given = try #require(explanation.fields.first { $0.field == .givenName })
        #expect(given.level == "foldedEqual")
        #expect(given.evidence == "“Duc” ↔ “Đức”")
        let date = try #require(explanation.fields.first { $0.field == .dateOfBirth })
        #expect(date.labelEN == "day and month swapped" && date.labelVI == "đảo ngày và tháng")
        #expect(date.evidence == "“09/05/2008” ↔ “05/09/2008”")
        let province = try #require(explanation.fields.first { $0.field == .birthProvince })
        #expect(province.level == "unknown" && province.weight == 0)
        let vector = PersonComparator.compare(record, person).vector
        #expect(abs(explanation.totalWeight - model.matchWeight(vector, givenNameFrequency: 0.01)) < 1e-9)
        #expect(explanation.matchProbability > 0.5)
    }
}

@Suite("Weight table layout")
struct WeightLayoutTests {
    @Test("each field's offset is the sum of the level counts before it")
    func offsets() {
        var next = 0
        for field in MatchField.allCases {
            #expect(field.weightOffset == next)
            #expect(field.ordinal == MatchField.allCases.firstIndex(of: field))
            next += field.levelCount
        }
    }
}
