/// The Fellegi–Sunter comparison vector of one pair: one level per `MatchField`.
/// Small and `Hashable`, so EM can run over counts of distinct vectors rather than
/// over millions of pairs.
public struct ComparisonVector: Sendable, Hashable, Codable {
    public var familyName: NamePartLevel
    public var middleName: NamePartLevel
    public var givenName: NamePartLevel
    public var dateOfBirth: DateLevel
    public var sex: SexLevel
    public var birthProvince: ProvinceLevel

    public init(
        familyName: NamePartLevel, middleName: NamePartLevel, givenName: NamePartLevel,
        dateOfBirth: DateLevel, sex: SexLevel, birthProvince: ProvinceLevel
    ) {
        self.familyName = familyName
        self.middleName = middleName
        self.givenName = givenName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.birthProvince = birthProvince
    }

    /// The level index of `field`, the column in the model's tables.
    public func levelIndex(_ field: MatchField) -> Int {
        switch field {
        case .familyName: familyName.index
        case .middleName: middleName.index
        case .givenName: givenName.index
        case .dateOfBirth: dateOfBirth.index
        case .sex: sex.index
        case .birthProvince: birthProvince.index
        }
    }

    /// The level code of `field` (`exact`, `dayMonthSwapped`, …).
    public func levelCode(_ field: MatchField) -> String {
        field.levelCode(levelIndex(field))
    }
}
