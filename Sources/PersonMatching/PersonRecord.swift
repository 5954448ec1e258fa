import CitizenID

/// A person as a school typed them: dirty by assumption (DOMAIN.md §1.5). Nothing is
/// repaired on construction; the comparison reports what it had to repair, so that a
/// correction is suggested to the school and never applied silently.
public struct PersonRecord: Sendable, Hashable, Codable {
    /// The raw ID cell (may be empty, Excel-damaged, a 9-digit CMND, or someone else's).
    public var citizenID: String?
    /// The full name as typed: any order, case, Unicode form or legacy encoding.
    public var fullName: String
    public var dateOfBirth: CivilDate?
    public var sex: Sex?
    /// Three-digit code of the old province where the birth was registered (`001`…`096`).
    public var birthProvince: String?

    public init(
        citizenID: String? = nil, fullName: String, dateOfBirth: CivilDate?,
        sex: Sex?, birthProvince: String? = nil
    ) {
        self.citizenID = citizenID
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.birthProvince = birthProvince
    }
}

/// A person as the population registry returns them (DOMAIN.md §1.6): the name split
/// into `Ho` / `ChuDem` / `Ten`, a full or year-only date of birth, sex and birth
/// province. Treated as authoritative: corrections point from the school to this.
public struct RegistryPerson: Sendable, Hashable, Codable {
    public var citizenID: CitizenID
    /// *Họ* (`Ho`), possibly two words (Tôn Nữ).
    public var familyName: String
    /// *Tên đệm* (`ChuDem`), zero or more words.
    public var middleName: String
    /// *Tên* (`Ten`), usually one word, two for some minority names.
    public var givenName: String
    public var dateOfBirth: CivilDate?
    public var sex: Sex?
    public var birthProvince: String?

    public init(
        citizenID: CitizenID, familyName: String, middleName: String, givenName: String,
        dateOfBirth: CivilDate?, sex: Sex?, birthProvince: String? = nil
    ) {
        self.citizenID = citizenID
        self.familyName = familyName
        self.middleName = middleName
        self.givenName = givenName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.birthProvince = birthProvince
    }

    /// Same, with the ID as text (must be exactly 12 digits after spaces and dots).
    public init(
        citizenID: String, familyName: String, middleName: String, givenName: String,
        dateOfBirth: CivilDate?, sex: Sex?, birthProvince: String? = nil
    ) throws(CitizenIDError) {
        self.init(
            citizenID: try CitizenID.parse(citizenID), familyName: familyName,
            middleName: middleName, givenName: givenName, dateOfBirth: dateOfBirth,
            sex: sex, birthProvince: birthProvince)
    }

    /// "Ho ChuDem Ten", skipping empty parts.
    public var fullName: String {
        [familyName, middleName, givenName].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
