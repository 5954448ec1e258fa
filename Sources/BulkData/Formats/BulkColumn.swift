/// What a cell holds, so that an importer knows how to clean, repair and parse it, and a
/// generator knows which damage real files do to it.
public enum BulkValue: Sendable, Hashable {
    /// A code NEMIS keys by: letters, digits, `.`, `-`, `_`; compared upper-cased.
    case code
    /// A code of exactly this many digits (a commune code, `00004`), whose leading zeros Excel drops.
    case fixedDigits(Int)
    /// Free text, stored in NFC with whitespace collapsed.
    case text
    /// A person's full name, family name first, stored in NFC.
    case personName
    /// The 12-digit personal ID (DOMAIN.md §1.4), checked against sex and birth year.
    case citizenID
    /// A date written `dd/mm/yyyy`.
    case date
    /// A year written `yyyy`.
    case year
    /// A school year written `2026-2027`.
    case schoolYear
    /// A Vietnamese phone number: 10 digits starting with 0.
    case phone
    case email
    /// One value of a vocabulary, by its Vietnamese label (or its API value).
    case choice(Vocabulary)
    /// Several values separated by `;`, each from the vocabulary when there is one.
    case list(Vocabulary?)
}

/// One column of a bulk file.
public struct BulkColumn: Sendable, Hashable {
    /// Stable machine key, snake_case (`citizen_id`): what code and error reports use.
    public let key: String
    /// The header row's text, in Vietnamese (`Số định danh cá nhân`).
    public let header: String
    /// The column's name in English, for error reports.
    public let nameEN: String
    /// A row without a value here is refused.
    public let required: Bool
    /// The notes row's text, in Vietnamese: the form the value takes (`dd/mm/yyyy`, `12 chữ số`).
    public let note: String
    public let value: BulkValue
    /// The fields of the Registry API body this column fills, as JSON pointers below the body
    /// (`citizenId`, `employments/0/startDate`): the importer writes through the same rules. Most
    /// columns fill one; a staff member's position is both theirs and their employment's.
    public let apiFields: [String]

    /// The column's cell in a template's notes row: the note, after "Bắt buộc." when required.
    public var notesRowText: String { required ? "Bắt buộc. " + note : note }

    public init(_ key: String, header: String, nameEN: String, required: Bool, note: String, value: BulkValue, apiField: String,
                alsoFills: [String] = []) {
        self.key = key
        self.header = header
        self.nameEN = nameEN
        self.required = required
        self.note = note
        self.value = value
        apiFields = [apiField] + alsoFills
    }
}
