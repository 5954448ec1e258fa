import CitizenID
import Testing
@testable import PersonMatching

@Suite("Estimating the model: u from random pairs, m and λ by EM")
struct TrainingTests {
    /// Registry of 10,000; 2,400 damaged copies of registry people and 600 absent people.
    static let fixture: (index: RegistryIndex, records: [SyntheticPopulation.LabelledRecord]) = {
        var population = SyntheticPopulation(seed: 2024)
        let people = (0..<10_000).map { _ in population.person() }
        var records: [SyntheticPopulation.LabelledRecord] = []
        for person in people.prefix(2_400) {
            records.append(.init(record: population.record(of: person, damage: population.randomDamage()), truth: person.citizenID))
        }
        for _ in 0..<600 {
            let absent = population.person()
            records.append(.init(record: population.record(of: absent, damage: population.randomDamage()), truth: nil))
        }
        return (RegistryIndex(people), records)
    }()

    @Test("EM converges, learns that agreement means a match, and recovers λ")
    func emConverges() throws {
        let (index, labelled) = Self.fixture
        let records = labelled.map(\.record)
        let random = PairSampling.randomPairs(records: records, index: index, count: 30_000, seed: 9)
        var candidates: [ComparisonVector] = [], labels: [Bool] = []
        for item in labelled {
            for candidate in index.candidates(for: item.record, limit: 5) {
                candidates.append(candidate.comparison.vector)
                labels.append(candidate.person.citizenID == item.truth)
            }
        }
        let result = MatchTrainer.train(candidatePairs: candidates, randomPairs: random)
        #expect(result.converged)
        #expect(!result.usedInitialModel)
        let model = result.model
        let trueShare = Double(labels.filter { $0 }.count) / Double(labels.count)
        #expect(abs(model.lambda - trueShare) < 0.05, "λ \(model.lambda) vs \(trueShare)")
        let given = model.parameters(.givenName).levels
        #expect(given[NamePartLevel.exact.index].m > 0.6)
        #expect(given[NamePartLevel.exact.index].u < 0.1)
        let dob = model.parameters(.dateOfBirth).levels
        #expect(dob[DateLevel.exact.index].m > 0.7)
        #expect(dob[DateLevel.exact.index].u < 0.01)
        #expect(model.training?.emIterations == result.iterations)
        // The learned weights separate the labelled pairs.
        var correct = 0
        for (vector, isMatch) in zip(candidates, labels) where (model.matchWeight(vector) > 0) == isMatch {
            correct += 1
        }
        #expect(Double(correct) / Double(labels.count) > 0.97, "\(correct)/\(labels.count)")
    }

    @Test("u from random pairs: agreement is rare among strangers")
    func uFromRandomPairs() {
        let (index, labelled) = Self.fixture
        let random = PairSampling.randomPairs(records: labelled.map(\.record), index: index, count: 20_000, seed: 3)
        let u = MatchTrainer.estimateU(from: random)
        let family = u[MatchField.familyName.ordinal][NamePartLevel.exact.index]
        let given = u[MatchField.givenName.ordinal][NamePartLevel.exact.index]
        #expect(family > 0.1 && family < 0.3, "Nguyễn makes family names agree often: \(family)")
        #expect(given < 0.06, "\(given)")
        #expect(u[MatchField.sex.ordinal][SexLevel.same.index] > 0.4)
    }

    @Test("with too little data the shipped model is kept")
    func tooLittleData() {
        let vector = ComparisonVector(
            familyName: .exact, middleName: .exact, givenName: .exact, dateOfBirth: .exact, sex: .same,
            birthProvince: .same)
        let result = MatchTrainer.train(candidatePairs: [vector], randomPairs: [vector])
        #expect(result.usedInitialModel)
        #expect(result.model == MatchModel.shippedDefault)
    }
}
