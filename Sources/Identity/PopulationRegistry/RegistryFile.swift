import CitizenID
import Platform
import VietnameseText

/// The file a stand-in registry is loaded from (`nemis population generate` writes one): CSV with
/// the header `citizen_id,family_name,middle_name,given_name,date_of_birth,sex,birth_province`;
/// dates `yyyy-mm-dd` or `yyyy`, sex `male` or `female`, the province as its 3-digit code. Names
/// are stored in NFC (a decomposed name is composed on the way in).
public enum RegistryFile {
    public static let columns = ["citizen_id", "family_name", "middle_name", "given_name", "date_of_birth", "sex", "birth_province"]

    /// Reads the whole file into an index. Every bad row is reported with its line and column, and
    /// any bad row fails the load: a registry that silently drops people would answer "not found".
    public static func load(path: String) throws -> RegistryIndex {
        let records = try records(path: path)
        do {
            return try RegistryIndex(records: records)
        } catch {
            throw RegistryFileError.invalidRows(path: path, problems: [.init(line: 0, column: 1, message: error.description)])
        }
    }

    /// The file's people in file order, read and checked as `load` checks them (an ID twice fails
    /// too), for an index of another kind: the matcher's, which a local verification builds
    /// without the stand-in service's lookups beside it.
    public static func people(path: String) throws -> [RegistryIndex.Record] {
        let records = try records(path: path)
        var ids = records.map(\.id)
        ids.sort()
        guard zip(ids, ids.dropFirst()).contains(where: { $0 == $1 }) else { return records }
        // The first row, in file order, whose ID came before: the one `load` names.
        var seen = Set<UInt64>(minimumCapacity: records.count)
        let repeated = records.first { !seen.insert($0.id).inserted }!
        let duplicate = RegistryIndex.DuplicateID(citizenID: RegistryDigits.citizenText(repeated.id))
        throw RegistryFileError.invalidRows(path: path, problems: [.init(line: 0, column: 1, message: duplicate.description)])
    }

    private static func records(path: String) throws -> [RegistryIndex.Record] {
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch { throw RegistryFileError.unreadable(path: path, reason: "\(error)") }
        var records: [RegistryIndex.Record] = []
        records.reserveCapacity(max(16, reader.fileSize / 60))
        var problems: [RegistryFileError.Problem] = []
        var sawHeader = false
        func problem(_ line: Int, _ column: Int, _ message: String) {
            problems.append(.init(line: line, column: column, message: message))
        }
        do {
            try reader.forEachRecord({ record in
                guard sawHeader else {
                    sawHeader = true
                    let header = (0..<record.count).map { record.text($0) }
                    if header != columns { problem(record.line, 1, "the header must be \(columns.joined(separator: ","))") }
                    return
                }
                guard record.count == columns.count else {
                    return problem(record.line, min(record.count, columns.count) + 1, "\(record.count) fields instead of \(columns.count)")
                }
                guard let id = RegistryDigits.citizenNumber(bytes: record[0]) else {
                    return problem(record.line, 1, "'\(record.text(0))' is not a 12-digit citizen ID")
                }
                let family = text(record, 1), middle = text(record, 2), given = text(record, 3)
                guard !family.isEmpty else { return problem(record.line, 2, "the family name is empty") }
                guard !given.isEmpty else { return problem(record.line, 4, "the given name is empty") }
                guard let birth = RegistryBirthDate(bytes: record[4]) else {
                    return problem(record.line, 5, "'\(record.text(4))' is not a date (yyyy-mm-dd or yyyy)")
                }
                let sex = record.text(5)
                guard sex == "male" || sex == "female" else { return problem(record.line, 6, "sex '\(sex)' is not male or female") }
                let provinceText = record.text(6)
                guard RegistryDigits.isDigits(provinceText, count: 3), let province = UInt16(provinceText) else {
                    return problem(record.line, 7, "'\(provinceText)' is not a 3-digit province code")
                }
                records.append(.init(id: id, family: family, middle: middle, given: given, birth: birth, female: sex == "female",
                                     province: province))
            }, malformed: { line, column, message in problem(line, column, message) })
        } catch {
            throw RegistryFileError.unreadable(path: path, reason: "\(error)")
        }
        if !sawHeader { problems.append(.init(line: 1, column: 1, message: "the file is empty")) }
        guard problems.isEmpty else { throw RegistryFileError.invalidRows(path: path, problems: problems) }
        return records
    }

    /// The first column of a CSV file, its header skipped: IDs to look up (a registry file will do).
    public static func firstColumn(path: String, limit: Int? = nil) throws -> [String] {
        var values: [String] = []
        var sawHeader = false
        do {
            let reader = try CSVReader(path: path)
            try reader.forEachRecord({ record in
                guard sawHeader else { sawHeader = true; return }
                if limit.map({ values.count < $0 }) ?? true { values.append(record.text(0)) }
            }, malformed: { _, _, _ in })
        } catch {
            throw RegistryFileError.unreadable(path: path, reason: "\(error)")
        }
        return values
    }

    /// A name field, trimmed, composed to NFC only when it holds a combining mark (the costly
    /// conversion is skipped for the usual, already composed text).
    private static func text(_ record: CSVRecord, _ index: Int) -> String {
        let raw = String(decoding: record[index], as: UTF8.self)
        let scalars = raw.unicodeScalars
        let needsWork = scalars.first.map(VietnameseText.isWhitespace) == true || scalars.last.map(VietnameseText.isWhitespace) == true
            || holdsCombiningMark(raw)
        return needsWork ? VietnameseText.clean(raw) : raw
    }

    /// Whether `text` holds a combining mark U+0300–U+036F, read off its UTF-8 bytes (0xCC 0x80–0xBF
    /// or 0xCD 0x80–0xAF) without decoding its scalars.
    static func holdsCombiningMark(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == 0xCC || (previous == 0xCD && byte < 0xB0) { return true }
            previous = byte
        }
        return false
    }
}

/// Why a registry file could not be loaded.
public enum RegistryFileError: Error, CustomStringConvertible, Equatable {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let column: Int
        public let message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    case unreadable(path: String, reason: String)
    case invalidRows(path: String, problems: [Problem])
    /// A citizen given in memory with an ID, date or province code the registry cannot hold.
    case invalidCitizen(String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read the registry file \(path): \(reason)"
        case .invalidRows(let path, let problems):
            "\(path) has \(problems.count) bad row(s):\n"
                + problems.prefix(20).map { "  \($0)" }.joined(separator: "\n")
                + (problems.count > 20 ? "\n  … and \(problems.count - 20) more" : "")
        case .invalidCitizen(let id): "citizen \(id) has an ID, date of birth or province code the registry cannot hold"
        }
    }
}
