import Foundation
import Platform

/// Turns a stored Registry document into the cells of a bulk file: the inverse of the
/// importer's `RowBuilder`, column by column (dates `dd/mm/yyyy`, vocabulary labels, lists
/// joined by `; `), so that importing an export changes nothing.
enum ExportCells {
    /// The rows of one record: one, or one per item of the format's repeating group (a person's
    /// employments), each repeating the record's other cells, as the importer reads them back.
    static func rows(of document: [String: Any], format: BulkFormat) -> [[String]] {
        guard let group = format.repeatingGroup, let items = document[group] as? [Any], items.count > 1 else {
            return [cells(of: document, format: format)]
        }
        return items.map { item in
            var row = document
            row[group] = [item]
            return cells(of: row, format: format)
        }
    }

    static func cells(of document: [String: Any], format: BulkFormat) -> [String] {
        format.columns.map { column in
            guard let field = column.apiFields.first, let value = lookup(field, in: document) else { return "" }
            return text(value, as: column.value)
        }
    }

    /// The value at a path of object members and array positions (`employments/0/startDate`).
    static func lookup(_ path: String, in document: [String: Any]) -> Any? {
        var current: Any? = document
        for part in path.split(separator: "/") {
            if let index = Int(part) {
                guard let array = current as? [Any], index < array.count else { return nil }
                current = array[index]
            } else {
                guard let object = current as? [String: Any] else { return nil }
                current = object[String(part)]
            }
        }
        return current is NSNull ? nil : current
    }

    static func text(_ value: Any, as kind: BulkValue) -> String {
        switch kind {
        case .date:
            guard let iso = value as? String, let date = CivilDate(iso: iso) else { return plain(value) }
            return BulkDate.format(date)
        case .choice(let vocabulary):
            let raw = plain(value)
            return vocabulary.label(for: raw) ?? raw
        case .list(let vocabulary):
            let items = (value as? [Any])?.map(plain) ?? [plain(value)]
            return items.map { item in vocabulary?.label(for: item) ?? item }.joined(separator: "; ")
        case .code, .fixedDigits, .text, .personName, .citizenID, .year, .schoolYear, .phone, .email:
            return plain(value)
        }
    }

    private static func plain(_ value: Any) -> String {
        switch value {
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: "\(value)"
        }
    }
}
