import CitizenID
import Testing
@testable import PersonMatching

@Suite("Estimating the model: u from random pairs, m from ID-linked pairs or by EM, λ by EM")
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

    @Test("m counted on the pairs the typed IDs link: a stranger born the same day stays below review")
    func mFromIDLinkedPairs() throws {
        let (index, labelled) = Self.fixture
        var population = SyntheticPopulation(seed: 11)
        // The school typed the ID of the present people, as nine schools in ten do.
        let present = (0..<index.count).prefix(1_500).compactMap { index.person(at: $0) }
        let typed = present.map { population.record(of: $0, damage: population.randomDamage(), keepID: true) }
        let records = labelled.map(\.record) + typed
        let random = PairSampling.randomPairs(records: records, index: index, count: 30_000, seed: 9)
        let candidates = PairSampling.candidatePairs(records: records, index: index)
        let linked = PairSampling.idLinkedPairs(records: records, index: index)
        #expect(linked.count == typed.count, "the records without an ID link nothing")
        let result = MatchTrainer.train(candidatePairs: candidates, randomPairs: random, linkedPairs: linked)
        #expect(result.mFromLinkedPairs)
        #expect(result.model.training?.linkedPairs == linked.count)
        let given = result.model.parameters(.givenName).levels
        #expect(given[NamePartLevel.exact.index].m > 0.7)
        #expect(given[NamePartLevel.different.index].m < 0.05)
        let sameDayStranger = ComparisonVector(
            familyName: .different, middleName: .different, givenName: .different, dateOfBirth: .exact, sex: .same,
            birthProvince: .same)
        #expect(result.model.matchWeight(sameDayStranger) < VerificationPolicy().reviewWeight)
        let damagedCopy = ComparisonVector(
            familyName: .foldedEqual, middleName: .foldedEqual, givenName: .foldedEqual, dateOfBirth: .dayMonthSwapped,
            sex: .same, birthProvince: .unknown)
        #expect(result.model.matchWeight(damagedCopy) > VerificationPolicy().reviewWeight)

        // Too few typed IDs: EM estimates m as before.
        let few = MatchTrainer.train(candidatePairs: candidates, randomPairs: random, linkedPairs: Array(linked.prefix(100)))
        #expect(!few.mFromLinkedPairs)
        #expect(!few.usedInitialModel)
    }

    @Test("a common family or middle name counts for less towards a link, a rare one for more")
    func commonNamesWeighLess() {
        let model = MatchModel.shippedDefault
        #expect(model.termFrequencyAdjustment(.familyName, level: .exact, frequency: 0.38) < 0, "Nguyễn")
        #expect(model.termFrequencyAdjustment(.familyName, level: .exact, frequency: 0.002) > 0, "Đinh")
        #expect(model.termFrequencyAdjustment(.middleName, level: .foldedEqual, frequency: 0.4) < 0, "Thị")
        #expect(model.termFrequencyAdjustment(.familyName, level: .different, frequency: 0.002) == 0,
                "names that do not agree are not adjusted")
        #expect(model.termFrequencyAdjustment(.familyName, level: .exact, frequency: 1e-9)
                == model.termFrequency.maximumAdjustment)
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
