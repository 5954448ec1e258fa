/// A structurally valid 12-digit Vietnamese personal ID, `PPP G YY NNNNNN`
/// (Decree 137/2015/NĐ-CP Art. 13; DOMAIN.md §1.4).
///
/// - `PPP`: province (or country) where the birth was registered;
/// - `G`: century and sex, `year = 1900 + 100 × (G div 2) + YY`, `sex = G mod 2`;
/// - `YY`: last two digits of the birth year;
/// - `NNNNNN`: six random digits. There is no check digit, so a value of this type
///   only proves the shape; `check(sex:birthYear:)` compares it with what the school
///   knows, and only the registry can confirm it (DOMAIN.md §1.5, §1.6).
///
/// Encodes as its 12-digit string so it round-trips through JSON and CSV unchanged.
public struct CitizenID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 12 ASCII digits.
    public let digits: String

    init(validatedDigits: String) {
        self.digits = validatedDigits
    }

    // MARK: Parsing

    /// Strict parse: after removing spaces and dots, exactly 12 ASCII digits
    /// (DOMAIN.md §1.5 first row). Every `G` in 0–9 decodes, so any 12 digits are
    /// structurally valid; plausibility is `check(...)`'s job. For spreadsheet damage
    /// (apostrophes, dropped zeros, `E+10`) use `repair(_:)`.
    public static func parse(_ text: String) throws(CitizenIDError) -> CitizenID {
        // The usual case, twelve ASCII digits, without building a copy.
        if text.utf8.count == 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return CitizenID(validatedDigits: text) }
        var digits = ""
        digits.reserveCapacity(12)
        var sawAnything = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "." { continue }
            sawAnything = true
            guard scalar.isASCII, ("0"..."9").contains(scalar) else {
                throw .notDigits(found: String(scalar))
            }
            digits.unicodeScalars.append(scalar)
        }
        guard sawAnything else { throw .empty }
        guard digits.utf8.count == 12 else { throw .wrongLength(count: digits.utf8.count) }
        return CitizenID(validatedDigits: digits)
    }

    /// Same as `parse(_:)`, as an initializer.
    public init(_ text: String) throws(CitizenIDError) {
        self = try CitizenID.parse(text)
    }

    // MARK: Decoded fields

    private var bytes: [UInt8] { Array(digits.utf8) }

    private func digit(at index: Int) -> Int {
        Int(bytes[index] &- 0x30)
    }

    /// `PPP`, the birth-registration province (or country) code.
    public var provinceCode: String { String(digits.prefix(3)) }

    /// Name of the old province for `provinceCode`, nil when the prefix is not one of
    /// the 63 codes (a typo, or a birth registered abroad).
    public var province: String? { ProvinceCodes.name(for: provinceCode) }

    /// The century/sex digit `G` (0–9).
    public var centuryDigit: Int { digit(at: 3) }

    /// The digit `G` for a birth year and sex (DOMAIN.md §1.4): 0/1 for the 1900s, 2/3 for the
    /// 2000s and so on, odd for women.
    public static func centuryDigit(birthYear: Int, sex: Sex) -> Int {
        (birthYear - 1900) / 100 * 2 + (sex == .female ? 1 : 0)
    }

    /// `sex = G mod 2`, 0 = male.
    public var sex: Sex { centuryDigit % 2 == 0 ? .male : .female }

    /// `1900 + 100 × (G div 2) + YY`.
    public var birthYear: Int {
        1900 + 100 * (centuryDigit / 2) + digit(at: 4) * 10 + digit(at: 5)
    }

    /// The last six (random) digits.
    public var serial: String { String(digits.suffix(6)) }

    /// The ID grouped as on the card's structure: `037 1 53 000257`.
    public var grouped: String {
        let b = bytes
        func s(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
        return "\(s(0..<3)) \(s(3..<4)) \(s(4..<6)) \(s(6..<12))"
    }

    public var description: String { digits }

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CitizenID.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(error.code): \(error.messageEN)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
