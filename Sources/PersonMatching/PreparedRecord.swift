import CitizenID

/// A school record with everything the comparisons need computed once: the repaired,
/// split and folded name, and the date, sex and province as small integers. Prepare a
/// record once, then compare it with any number of candidates.
public struct PreparedRecord: Sendable, Hashable {
    public let record: PersonRecord
    let name: TypedName
    let packedDOB: Int32
    let sexCode: UInt8
    let province: UInt16

    public init(_ record: PersonRecord) {
        self.init(record, reusing: nil)
    }

    init(_ record: PersonRecord, reusing typed: TypedWords?) {
        self.record = record
        name = TypedName(record.fullName, reusing: typed)
        packedDOB = record.dateOfBirth?.packed ?? 0
        sexCode = SexCode.of(record.sex)
        province = FieldComparators.provinceNumber(record.birthProvince) ?? 0
    }
}

/// Sex as one byte in the index: 0 unknown, 1 male, 2 female.
enum SexCode {
    static func of(_ sex: Sex?) -> UInt8 {
        switch sex {
        case .male: 1
        case .female: 2
        case nil: 0
        }
    }

    static func sex(_ code: UInt8) -> Sex? {
        switch code {
        case 1: .male
        case 2: .female
        default: nil
        }
    }

    static func compare(_ a: UInt8, _ b: UInt8) -> SexLevel {
        if a == 0 || b == 0 { return .unknown }
        return a == b ? .same : .different
    }
}

/// One pair compared: the comparison vector and the word order the name was read in.
public struct PairComparison: Sendable, Hashable {
    public let vector: ComparisonVector
    public let nameOrder: NameOrder
}

/// Compares a school record with a registry person, field by field.
public enum PersonComparator {
    public static func compare(_ record: PersonRecord, _ person: RegistryPerson) -> PairComparison {
        compare(PreparedRecord(record), person)
    }

    public static func compare(_ record: PreparedRecord, _ person: RegistryPerson) -> PairComparison {
        let name = RegistryName(family: person.familyName, middle: person.middleName, given: person.givenName)
        return compare(
            record, name: name, packedDOB: person.dateOfBirth?.packed ?? 0,
            sexCode: SexCode.of(person.sex),
            province: FieldComparators.provinceNumber(person.birthProvince) ?? 0)
    }

    /// The hot path: every argument already prepared, nothing allocated but the result.
    static func compare(
        _ record: PreparedRecord, name: RegistryName, packedDOB: Int32, sexCode: UInt8, province: UInt16
    ) -> PairComparison {
        let alignment = record.name.bestAlignment(with: name).alignment
        let provinceLevel: ProvinceLevel =
            record.province == 0 || province == 0 ? .unknown : (record.province == province ? .same : .different)
        let vector = ComparisonVector(
            familyName: alignment.family, middleName: alignment.middle, givenName: alignment.given,
            dateOfBirth: FieldComparators.comparePacked(record.packedDOB, packedDOB),
            sex: SexCode.compare(record.sexCode, sexCode),
            birthProvince: provinceLevel)
        return PairComparison(vector: vector, nameOrder: alignment.order)
    }
}
