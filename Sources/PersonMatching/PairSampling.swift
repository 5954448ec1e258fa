import CitizenID
import SplitMix

/// The samples a model is estimated from: random pairs (almost all non-matches, so
/// their level frequencies are the u probabilities), pairs linked by the citizen ID the
/// school typed (almost all matches, so their level frequencies are the m probabilities)
/// and candidate pairs from blocking (a mixture of the two, from which EM estimates λ).
public enum PairSampling {
    /// Comparison vectors of `count` random (school record, registry person) pairs.
    public static func randomPairs(
        records: [PersonRecord], index: RegistryIndex, count: Int, seed: UInt64
    ) -> [ComparisonVector] {
        guard !records.isEmpty, index.count > 0, count > 0 else { return [] }
        var generator = SplitMix64(seed: seed)
        let prepared = records.map(PreparedRecord.init)
        var vectors: [ComparisonVector] = []
        vectors.reserveCapacity(count)
        for _ in 0..<count {
            let record = prepared[Int.random(in: 0..<prepared.count, using: &generator)]
            let position = Int.random(in: 0..<index.count, using: &generator)
            vectors.append(index.compare(record, position: position).vector)
        }
        return vectors
    }

    /// Comparison vectors of every record whose typed ID (after the spreadsheet repairs)
    /// names a registry person, with that person. The record's sex and birth year are not
    /// checked against the ID: a record that disagrees with its own ID is part of what m measures.
    public static func idLinkedPairs(records: [PersonRecord], index: RegistryIndex) -> [ComparisonVector] {
        records.compactMap { record in
            guard let raw = record.citizenID, let id = CitizenID.repair(raw).citizenID,
                  let position = index.position(of: id) else { return nil }
            return index.compare(PreparedRecord(record), position: position).vector
        }
    }

    /// Comparison vectors of every record with its top `limit` blocking candidates.
    public static func candidatePairs(
        records: [PersonRecord], index: RegistryIndex, limit: Int = 5
    ) -> [ComparisonVector] {
        var vectors: [ComparisonVector] = []
        for record in records {
            for candidate in index.candidates(for: record, limit: limit) {
                vectors.append(candidate.comparison.vector)
            }
        }
        return vectors
    }
}

extension RegistryIndex {
    /// Compares a prepared record with the person at `position`.
    public func compare(_ record: PreparedRecord, position: Int) -> PairComparison {
        PersonComparator.compare(
            record, name: name(at: position), packedDOB: packedDOB[position],
            sexCode: sexCode[position], province: province[position])
    }
}
