/// The fields a school record and a registry person are compared on. Names are split
/// into three fields because they carry very different evidence: a family name is
/// shared by 38% of people (Nguyễn), a given name is far more telling (DOMAIN.md §2).
public enum MatchField: String, Sendable, Codable, CaseIterable, Hashable {
    case familyName, middleName, givenName, dateOfBirth, sex, birthProvince

    public var labelEN: String {
        switch self {
        case .familyName: "family name"
        case .middleName: "middle name"
        case .givenName: "given name"
        case .dateOfBirth: "date of birth"
        case .sex: "sex"
        case .birthProvince: "birth province"
        }
    }

    public var labelVI: String {
        switch self {
        case .familyName: "họ"
        case .middleName: "tên đệm"
        case .givenName: "tên"
        case .dateOfBirth: "ngày sinh"
        case .sex: "giới tính"
        case .birthProvince: "nơi đăng ký khai sinh"
        }
    }

    /// Number of levels of this field's comparison.
    public var levelCount: Int {
        switch self {
        case .familyName, .middleName, .givenName: NamePartLevel.allCases.count
        case .dateOfBirth: DateLevel.allCases.count
        case .sex: SexLevel.allCases.count
        case .birthProvince: ProvinceLevel.allCases.count
        }
    }

    /// Code of level `index` of this field, as saved in a `MatchModel`.
    public func levelCode(_ index: Int) -> String {
        switch self {
        case .familyName, .middleName, .givenName: NamePartLevel.allCases[index].rawValue
        case .dateOfBirth: DateLevel.allCases[index].rawValue
        case .sex: SexLevel.allCases[index].rawValue
        case .birthProvince: ProvinceLevel.allCases[index].rawValue
        }
    }

    /// The level that means "nothing to compare": it carries no evidence (weight 0).
    public var missingLevel: Int {
        switch self {
        case .familyName, .middleName, .givenName: NamePartLevel.missing.index
        case .dateOfBirth: DateLevel.missing.index
        case .sex: SexLevel.unknown.index
        case .birthProvince: ProvinceLevel.unknown.index
        }
    }
}

/// How one part of a name (family, middle or given) agrees, best first.
public enum NamePartLevel: String, Sendable, Codable, CaseIterable, Hashable {
    /// Same words after NFC, whitespace cleaning and lowercasing.
    case exact
    /// Same only after folding: diacritics missing or different (hỏi/ngã), legacy
    /// encoding, đ typed as d.
    case foldedEqual
    /// A regional variant (Hoàng/Huỳnh, Vũ/Võ) or a common spelling confusion
    /// (i/y, tr/ch, s/x, d/gi/r, l/n) of DOMAIN.md §2.
    case variant
    /// A small typing error: bounded Damerau–Levenshtein distance on the folded key.
    case typo
    /// Middle names only: one side has fewer middle words (dropped or extra).
    case partial
    case different
    /// One side has no value: no evidence either way.
    case missing

    /// Position in `allCases`: the column of this level in a model's tables.
    public var index: Int {
        switch self {
        case .exact: 0
        case .foldedEqual: 1
        case .variant: 2
        case .typo: 3
        case .partial: 4
        case .different: 5
        case .missing: 6
        }
    }

    /// Agreement rank for choosing a name alignment: lower agrees better.
    var rank: Int {
        switch self {
        case .exact: 0
        case .foldedEqual: 1
        case .variant: 2
        case .typo, .partial: 3
        case .missing: 4
        case .different: 6
        }
    }

    /// Levels that say the two values are the same name.
    public var agrees: Bool { self == .exact || self == .foldedEqual }
}

/// How two dates of birth agree.
public enum DateLevel: String, Sendable, Codable, CaseIterable, Hashable {
    case exact
    /// Day and month exchanged (a US-locale spreadsheet read `05/09` as May 9).
    case dayMonthSwapped
    /// One day apart (a date parsed as a timestamp shifts to the previous UTC day).
    case offByOneDay
    /// Same year, and at least one side knows only the year.
    case sameYearOnly
    case different
    case missing

    public var index: Int {
        switch self {
        case .exact: 0
        case .dayMonthSwapped: 1
        case .offByOneDay: 2
        case .sameYearOnly: 3
        case .different: 4
        case .missing: 5
        }
    }
}

public enum SexLevel: String, Sendable, Codable, CaseIterable, Hashable {
    case same, different, unknown
    public var index: Int {
        switch self {
        case .same: 0
        case .different: 1
        case .unknown: 2
        }
    }
}

public enum ProvinceLevel: String, Sendable, Codable, CaseIterable, Hashable {
    case same, different, unknown
    public var index: Int {
        switch self {
        case .same: 0
        case .different: 1
        case .unknown: 2
        }
    }
}
