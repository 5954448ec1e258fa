import CitizenID
import Platform
import SQLKit
import VietnameseText

/// Checks shared by every person record (staff, learners, guardians): a name, a date of birth that is
/// not in the future, and a citizen ID consistent with the sex and birth year (DOMAIN.md 1.4–1.5).
public enum PersonRules {
    public static func name(_ raw: String, field: String, into errors: inout ValidationCollector) -> PersonName? {
        let repaired = LegacyVietnamese.repairIfLegacy(raw).text
        // Names are capitalised word by word. Words typed all upper or all lower case (NGUYỄN, thị) are
        // re-cased; mixed-case words such as the Ê Đê "H'Lan" are kept as written.
        var words = VietnameseText.clean(repaired).split(separator: " ").map { word -> String in
            let text = String(word)
            return text == text.uppercased() || text == text.lowercased() ? VietnameseText.nfc(VietnameseText.titleCased(text)) : text
        }
        // A name left in one case (a case mapping that grows, "ß" to "SS") is title-cased once more.
        let hasUpper = words.contains { $0.contains(where: \.isUppercase) }
        if hasUpper != words.contains(where: { $0.contains(where: \.isLowercase) }) {
            words = words.map { VietnameseText.nfc(VietnameseText.titleCased($0)) }
        }
        guard !words.isEmpty else {
            errors.add(field, "name.empty", "the full name is required")
            return nil
        }
        let fullName = words.joined(separator: " ")
        // Counting characters, and asking each whether it is a number, walks the text's grapheme
        // clusters: done only when the bytes, or a scalar with a numeric value, leave it in doubt.
        let mayHaveNumber = fullName.unicodeScalars.contains { $0.isASCII ? (0x30...0x39).contains($0.value) : $0.properties.numericType != nil }
        guard fullName.utf8.count <= 100 || fullName.count <= 100, !(mayHaveNumber && fullName.contains(where: \.isNumber)) else {
            errors.add(field, "name.invalid", "a name has letters only, at most 100 characters")
            return nil
        }
        return PersonName(cleanWords: words)
    }

    public static func dateOfBirth(_ date: CivilDate?, field: String = "dateOfBirth", into errors: inout ValidationCollector) {
        guard let date else {
            errors.add(field, "dateOfBirth.missing", "the date of birth is required (YYYY-MM-DD)")
            return
        }
        if date > Clock.today() {
            errors.add(field, "dateOfBirth.future", "the date of birth \(date) is in the future")
        } else if date.year < 1900 {
            errors.add(field, "dateOfBirth.tooOld", "the date of birth \(date) is before 1900")
        }
    }

    /// Returns the canonical 12 digits, or nil (with an error) when the ID is present but wrong.
    /// Excel damage is repaired; an ID that disagrees with the record's sex or birth year is refused.
    public static func citizenID(_ raw: String?, sex: Sex?, dateOfBirth: CivilDate?, into errors: inout ValidationCollector) -> String? {
        // Blank means spaces and tabs only, as Foundation's `.whitespaces`: a line break is refused below.
        guard let raw, raw.unicodeScalars.contains(where: { !($0 == "\t" || $0.properties.generalCategory == .spaceSeparator) })
        else { return nil }
        let repair = CitizenID.repair(raw)
        guard let id = repair.citizenID else {
            let error = repair.error!
            errors.add("citizenId", error.code, error.messageEN)
            return nil
        }
        for issue in id.check(sex: sex, birthYear: dateOfBirth?.year, asOfYear: Clock.today().year) where issue.severity == .error {
            errors.add("citizenId", issue.code, issue.messageEN)
        }
        return id.digits
    }

    /// A writer without identity:read at the record's node cannot read citizen IDs, so it must not
    /// erase or replace one it was never shown: the stored ID is kept, and a different one is refused.
    /// It may still give the ID of a record that has none.
    static func guardIdentity(requested: String?, stored: String?, db: any SQLDatabase, principal: Principal,
                              orgID: String) async throws -> String? {
        if try await OrgTree.isWithin(db, nodeID: orgID, roots: principal.nodes(for: .identityRead)) { return requested }
        guard let stored else { return requested }
        guard requested == nil || requested == stored else {
            throw APIError.forbidden("changing a citizen ID needs the identity:read permission")
        }
        return stored
    }

    static func sex(_ text: String?, into errors: inout ValidationCollector) -> Sex? {
        guard let text else {
            errors.add("sex", "sex.missing", "sex is required: male or female")
            return nil
        }
        guard let sex = Sex(rawValue: text) else {
            errors.add("sex", "sex.invalid", "sex must be male or female, not '\(text)'")
            return nil
        }
        return sex
    }

    static let personFields: [FieldSpec] = [
        FieldSpec("fullName", .string, required: true, "Full name as on the birth certificate; stored in Unicode NFC"),
        FieldSpec("familyName", .string, readOnly: true, "Derived: họ"),
        FieldSpec("middleName", .string, readOnly: true, "Derived: tên đệm"),
        FieldSpec("givenName", .string, readOnly: true, "Derived: tên"),
        FieldSpec("dateOfBirth", .date, required: true, "Date of birth, YYYY-MM-DD"),
        FieldSpec("sex", .enumeration(["male", "female"]), required: true, "Sex"),
        FieldSpec("ethnicity", .string, "Ethnic group, e.g. Kinh, Tày, H'Mông"),
        FieldSpec("citizenId", .string, "12-digit personal ID; needs identity:read to see, and every read is audited"),
    ]
}

/// A record of a person whose full name is split into its parts for sorting and display.
protocol NamedPerson {
    var fullName: String { get set }
    var familyName: String? { get set }
    var middleName: String? { get set }
    var givenName: String? { get set }
}

extension NamedPerson {
    /// Stores the cleaned full name and its parts.
    mutating func setName(_ name: PersonName) {
        fullName = name.fullName
        familyName = name.family
        middleName = name.middle
        givenName = name.given
    }
}

/// Codes that NEMIS validates and keys by.
enum Codes {
    /// Sector codes issued by a department (schools) or MoET (staff, learners): letters and digits.
    static func check(_ value: String, field: String, into errors: inout ValidationCollector) -> String {
        // `^[A-Z0-9][A-Z0-9._-]{1,31}$`, checked byte by byte: a regular expression through
        // Foundation cost a tenth of a bulk import's time, and trimming through Foundation a fiftieth,
        // so a code already in its canonical form is taken as it is.
        if isCanonical(value.utf8) { return value }
        let code = value.trimmingCharacters(in: .whitespaces).uppercased()
        if !isCanonical(code.utf8) {
            errors.add(field, "code.invalid", "'\(value)' is not a valid code: 2–32 letters, digits, dot, dash or underscore")
        }
        return code
    }

    private static func isCanonical(_ bytes: String.UTF8View) -> Bool {
        let isAlphanumeric = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) }
        guard (2...32).contains(bytes.count), let first = bytes.first, isAlphanumeric(first) else { return false }
        return bytes.dropFirst().allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// `2025-2026`: two consecutive years.
    static func schoolYear(_ value: String, into errors: inout ValidationCollector, field: String = "schoolYear") -> String {
        let parts = value.split(separator: "-")
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), parts[0].count == 4, b == a + 1 else {
            errors.add(field, "schoolYear.invalid", "a school year is written like 2025-2026")
            return value
        }
        return value
    }
}
