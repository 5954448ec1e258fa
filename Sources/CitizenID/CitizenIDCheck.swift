/// How serious an offline-check finding is.
public enum IssueSeverity: String, Sendable, Codable, Hashable, Comparable {
    /// Informational doubt; the ID may still be right (e.g. a birth registered abroad).
    case warning
    /// The ID contradicts what the school knows; it must be fixed at source.
    case error

    public static func < (lhs: IssueSeverity, rhs: IssueSeverity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A finding of the offline checks on a parsed ID (DOMAIN.md §1.5, rows 3–4).
///
/// With no check digit these checks catch typos in digits 1–6 and wrong sex or year,
/// never typos in the serial: `check` returning no issue is not verification.
public enum CitizenIDIssue: Sendable, Hashable {
    /// The prefix is not one of the 63 province codes. A warning, because births
    /// registered abroad carry country codes for which no table is published.
    case unknownProvince(code: String, unusedProvinceCode: Bool)
    /// `G` > 3 decodes to a birth year after 2099: impossible for anyone alive now.
    case centuryOutOfRange(centuryDigit: Int, decodedYear: Int)
    /// `G mod 2` disagrees with the recorded sex.
    case sexMismatch(recorded: Sex, decoded: Sex)
    /// `century + YY` disagrees with the recorded birth year.
    case birthYearMismatch(recorded: Int, decoded: Int)
    /// The decoded birth year is after the reference year the caller gave.
    case birthYearInFuture(decoded: Int, asOfYear: Int)

    public var severity: IssueSeverity {
        switch self {
        case .unknownProvince: .warning
        case .centuryOutOfRange, .sexMismatch, .birthYearMismatch, .birthYearInFuture: .error
        }
    }

    /// Stable machine-readable code.
    public var code: String {
        switch self {
        case .unknownProvince: "citizenId.unknownProvince"
        case .centuryOutOfRange: "citizenId.centuryOutOfRange"
        case .sexMismatch: "citizenId.sexMismatch"
        case .birthYearMismatch: "citizenId.birthYearMismatch"
        case .birthYearInFuture: "citizenId.birthYearInFuture"
        }
    }

    public var messageEN: String {
        switch self {
        case .unknownProvince(let code, let unused):
            return unused
                ? "Province code \(code) is not assigned to any province: digits 1–3 are probably mistyped."
                : "Province code \(code) is not one of the 63 province codes: a typo, or a birth registered abroad."
        case .centuryOutOfRange(let g, let year):
            return "Century digit \(g) means a birth year of \(year): digits 4–6 are probably mistyped."
        case .sexMismatch(let recorded, let decoded):
            return "The ID encodes sex \(decoded.rawValue) but the record says \(recorded.rawValue)."
        case .birthYearMismatch(let recorded, let decoded):
            return "The ID encodes birth year \(decoded) but the record says \(recorded)."
        case .birthYearInFuture(let decoded, let asOf):
            return "The ID encodes birth year \(decoded), which is after \(asOf)."
        }
    }

    public var messageVI: String {
        switch self {
        case .unknownProvince(let code, let unused):
            return unused
                ? "Mã tỉnh \(code) không được cấp cho tỉnh nào: có thể nhập sai 3 chữ số đầu."
                : "Mã \(code) không thuộc 63 mã tỉnh: có thể nhập sai, hoặc khai sinh ở nước ngoài."
        case .centuryOutOfRange(let g, let year):
            return "Mã thế kỷ \(g) ứng với năm sinh \(year): có thể nhập sai chữ số thứ 4–6."
        case .sexMismatch(let recorded, let decoded):
            return "Số định danh mang giới tính \(decoded.labelVI) nhưng hồ sơ ghi \(recorded.labelVI)."
        case .birthYearMismatch(let recorded, let decoded):
            return "Số định danh mang năm sinh \(decoded) nhưng hồ sơ ghi \(recorded)."
        case .birthYearInFuture(let decoded, let asOf):
            return "Số định danh mang năm sinh \(decoded), sau năm \(asOf)."
        }
    }
}

extension CitizenID {
    /// Offline checks against what the school recorded (DOMAIN.md §1.5):
    /// prefix is one of the 63 codes, G in 0–3, parity of G = sex, century + YY = year.
    ///
    /// - Parameters:
    ///   - sex: the recorded sex, if known.
    ///   - birthYear: the recorded birth year, if known (a year-only DOB is common).
    ///   - asOfYear: optional reference year ("today") so that a future birth year is
    ///     reported; the kernel never reads the clock itself.
    /// - Returns: issues, errors first; empty when nothing contradicts the record.
    public func check(sex: Sex? = nil, birthYear: Int? = nil, asOfYear: Int? = nil) -> [CitizenIDIssue] {
        var issues: [CitizenIDIssue] = []
        let decodedYear = self.birthYear
        if centuryDigit > 3 {
            issues.append(.centuryOutOfRange(centuryDigit: centuryDigit, decodedYear: decodedYear))
        }
        if let sex, sex != self.sex {
            issues.append(.sexMismatch(recorded: sex, decoded: self.sex))
        }
        if let birthYear, birthYear != decodedYear {
            issues.append(.birthYearMismatch(recorded: birthYear, decoded: decodedYear))
        }
        if let asOfYear, decodedYear > asOfYear, centuryDigit <= 3 {
            issues.append(.birthYearInFuture(decoded: decodedYear, asOfYear: asOfYear))
        }
        if province == nil {
            issues.append(.unknownProvince(
                code: provinceCode, unusedProvinceCode: ProvinceCodes.isUnused(provinceCode)))
        }
        return issues
    }

    /// Same as `check(sex:birthYear:asOfYear:)` with a full date of birth; only the
    /// year is encoded in the ID, so month and day are not compared.
    public func check(
        sex: Sex?, birthDate: (year: Int, month: Int, day: Int)?, asOfYear: Int? = nil
    ) -> [CitizenIDIssue] {
        check(sex: sex, birthYear: birthDate?.year, asOfYear: asOfYear)
    }
}
