import CitizenID

/// One field of an explained pair: its level, its weight and what was compared.
public struct FieldExplanation: Sendable, Hashable, Codable {
    public let field: MatchField
    public let level: String
    public let labelEN: String
    public let labelVI: String
    /// Bits of evidence for (positive) or against (negative) a match.
    public let weight: Double
    /// The two values compared, "school ↔ registry".
    public let evidence: String
}

/// Why a pair scored what it scored, field by field: every decision can be read and
/// checked by a person.
public struct MatchExplanation: Sendable, Hashable, Codable {
    public let fields: [FieldExplanation]
    public let nameOrder: NameOrder
    public let totalWeight: Double
    public let matchProbability: Double
}

extension MatchModel {
    /// Explains the comparison of `record` with `person`. `givenNameFrequency` is the
    /// share of registry people with the same folded given name (from a `RegistryIndex`).
    public func explain(
        _ record: PersonRecord, _ person: RegistryPerson, givenNameFrequency: Double? = nil
    ) -> MatchExplanation {
        explain(PreparedRecord(record), person, givenNameFrequency: givenNameFrequency)
    }

    /// Same, for a record already prepared.
    public func explain(
        _ prepared: PreparedRecord, _ person: RegistryPerson, givenNameFrequency: Double? = nil
    ) -> MatchExplanation {
        let record = prepared.record
        let typed = prepared.name
        let registry = RegistryName(family: person.familyName, middle: person.middleName, given: person.givenName)
        let comparison = PersonComparator.compare(prepared, person)
        let vector = comparison.vector
        let words = typed.bestAlignment(with: registry).reading?.words ?? typed.words
        let ranges = NameAlignment.ranges(
            order: comparison.nameOrder, typedCount: words.count,
            familyCount: registry.family.count, givenCount: registry.given.count)
        func typedText(_ range: Range<Int>) -> String {
            words[range].map(\.text).joined(separator: " ")
        }
        func pair(_ school: String, _ registered: String) -> String {
            "“\(school)” ↔ “\(registered)”"
        }
        func nameEntry(_ field: MatchField, _ level: NamePartLevel, _ range: Range<Int>, _ reg: [NameWord]) -> FieldExplanation {
            let weight = field == .givenName
                ? givenNameWeight(level: level, frequency: givenNameFrequency)
                : self.weight(field, level: level.index)
            return FieldExplanation(
                field: field, level: level.rawValue, labelEN: level.labelEN, labelVI: level.labelVI,
                weight: weight, evidence: pair(typedText(range), reg.map(\.text).joined(separator: " ")))
        }
        let dob = vector.dateOfBirth, sex = vector.sex, province = vector.birthProvince
        let fields = [
            nameEntry(.familyName, vector.familyName, ranges.family, registry.family),
            nameEntry(.middleName, vector.middleName, ranges.middle, registry.middle),
            nameEntry(.givenName, vector.givenName, ranges.given, registry.given),
            FieldExplanation(
                field: .dateOfBirth, level: dob.rawValue, labelEN: dob.labelEN, labelVI: dob.labelVI,
                weight: weight(.dateOfBirth, level: dob.index),
                evidence: pair(record.dateOfBirth?.vietnameseFormat ?? "", person.dateOfBirth?.vietnameseFormat ?? "")),
            FieldExplanation(
                field: .sex, level: sex.rawValue, labelEN: sex.labelEN, labelVI: sex.labelVI,
                weight: weight(.sex, level: sex.index),
                evidence: pair(record.sex?.labelVI ?? "", person.sex?.labelVI ?? "")),
            FieldExplanation(
                field: .birthProvince, level: province.rawValue, labelEN: province.labelEN,
                labelVI: province.labelVI, weight: weight(.birthProvince, level: province.index),
                evidence: pair(Self.provinceText(record.birthProvince), Self.provinceText(person.birthProvince))),
        ]
        let total = fields.reduce(0) { $0 + $1.weight }
        return MatchExplanation(
            fields: fields, nameOrder: comparison.nameOrder, totalWeight: total,
            matchProbability: matchProbability(weight: total))
    }

    private static func provinceText(_ code: String?) -> String {
        guard let code else { return "" }
        return ProvinceCodes.name(for: code).map { "\(code) \($0)" } ?? code
    }
}
