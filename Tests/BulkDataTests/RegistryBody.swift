import BulkData
import CitizenID
import Foundation
import Platform
import Registry
import Testing
import VietnameseText

/// What an importer makes of a clean row: the JSON body of the Registry's create API, built from
/// the format's columns (`apiFields`, vocabularies, dd/mm/yyyy dates), decoded into the Registry's
/// own model. The rules that need no database are checked as the Registry checks them.
struct RegistryBody {
    let body: [String: Any]
    let kind: BulkKind

    init(_ format: BulkFormat, _ row: [String]) throws {
        kind = format.kind
        var body: [String: Any] = [:]
        for (column, cell) in zip(format.columns, row) where !cell.isEmpty {
            let value = try Self.value(cell, column)
            for field in column.apiFields { Self.set(value, at: field.split(separator: "/").map(String.init), in: &body) }
        }
        for column in format.columns where column.required {
            #expect(!(row[format.index(of: column.key)!]).isEmpty, "\(format.kind) \(column.key) is required")
        }
        self.body = body
        try checkRules(format, row)
    }

    static func value(_ cell: String, _ column: BulkColumn) throws -> Any {
        switch column.value {
        case .date:
            guard let date = BulkDate.parse(cell) else { throw RowError("\(column.key): '\(cell)' is not dd/mm/yyyy") }
            return date.description
        case .year:
            guard let year = Int(cell) else { throw RowError("\(column.key): '\(cell)' is not a year") }
            return year
        case .choice(let vocabulary):
            guard let value = vocabulary.value(for: cell) else { throw RowError("\(column.key): '\(cell)' is not a \(vocabulary.name)") }
            return value
        case .list(let vocabulary):
            return try cell.split(separator: ";").map { part in
                let text = VietnameseText.clean(String(part))
                guard let vocabulary else { return text }
                guard let value = vocabulary.value(for: text) else { throw RowError("\(column.key): '\(text)' is not a \(vocabulary.name)") }
                return value
            }
        default:
            return cell
        }
    }

    /// Sets `value` at a JSON pointer's path, making the objects and one-element arrays on the way.
    static func set(_ value: Any, at path: [String], in object: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 { object[head] = value; return }
        if path[1] == "0" {
            var array = object[head] as? [[String: Any]] ?? [[:]]
            set(value, at: Array(path.dropFirst(2)), in: &array[0])
            object[head] = array
        } else {
            var child = object[head] as? [String: Any] ?? [:]
            set(value, at: Array(path.dropFirst()), in: &child)
            object[head] = child
        }
    }

    /// Decodes the body into the Registry model of its kind.
    func decode(_ kind: BulkKind) throws {
        let data = try JSONSerialization.data(withJSONObject: body)
        let decoder = JSONDecoder()
        switch kind {
        case .schools: _ = try decoder.decode(School.self, from: data)
        case .staff: _ = try decoder.decode(Staff.self, from: data)
        case .learners: _ = try decoder.decode(Learner.self, from: data)
        case .guardians: _ = try decoder.decode(Guardian.self, from: data)
        case .classes: _ = try decoder.decode(SchoolClass.self, from: data)
        case .enrolments: _ = try decoder.decode(Enrolment.self, from: data)
        case .teachingAssignments: _ = try decoder.decode(TeachingAssignment.self, from: data)
        }
    }

    /// The Registry's checks that need no database (Codes, PersonRules, SchoolClass, Enrolment).
    private func checkRules(_ format: BulkFormat, _ row: [String]) throws {
        let today = CivilDate(year: 2026, month: 11, day: 29)!
        for (column, cell) in zip(format.columns, row) where !cell.isEmpty {
            switch column.value {
            case .code:
                #expect(cell.range(of: "^[A-Z0-9][A-Z0-9._-]{1,31}$", options: .regularExpression) != nil, "\(column.key) '\(cell)'")
            case .fixedDigits(let count):
                #expect(cell.count == count && cell.allSatisfy(\.isASCII) && cell.allSatisfy(\.isNumber), "\(column.key) '\(cell)'")
            case .personName:
                #expect(VietnameseText.clean(cell) == cell && cell.count <= 100 && !cell.contains(where: \.isNumber), "name '\(cell)'")
                #expect(!PersonName(fullName: cell).given.isEmpty)
            case .text:
                #expect(VietnameseText.clean(cell) == cell, "\(column.key) '\(cell)' is clean NFC text")
            case .phone:
                #expect(cell.hasPrefix("0") && (10...11).contains(cell.count) && cell.allSatisfy(\.isNumber), "phone '\(cell)'")
            case .schoolYear:
                #expect(cell == "2026-2027")
            case .date where column.key == "date_of_birth":
                let date = BulkDate.parse(cell)!
                #expect(date <= today && date.year >= 1900)
            case .date where column.key == "entry_date":
                let date = BulkDate.parse(cell)!
                // Enrolment.prepare: within the school year (from 92 days before its start).
                #expect(date >= CivilDate(year: 2026, month: 6, day: 5)! && date <= CivilDate(year: 2027, month: 5, day: 31)!)
            case .year:
                #expect((1900...2026).contains(Int(cell) ?? 0))
            case .citizenID:
                #expect(CitizenID.repair(cell).citizenID?.digits == cell)
            default:
                break
            }
        }
    }
}

struct RowError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
