import Platform
import Records

/// The gradebook form: the names of its boxes, turning a posted form into the rows the Records
/// module takes, and its field errors (`items/N/regular/K`) back into the box they came from.
struct GradebookForm {
    /// A box of the form: one learner's regular assessment `n` (from 1), mid-term or end-of-term.
    enum Box: Hashable {
        case regular(Int)
        case midTerm
        case endOfTerm

        var suffix: String {
            switch self {
            case .regular(let number): "r\(number)"
            case .midTerm: "m"
            case .endOfTerm: "e"
            }
        }
    }

    /// Field names carry the learner code, not a row number, so a learner added to the class
    /// between showing and posting the form cannot shift scores onto the wrong row.
    static func fieldName(_ learnerCode: String, _ box: Box) -> String { "\(learnerCode).\(box.suffix)" }
    static func elementID(_ learnerCode: String, _ box: Box) -> String { "g-\(learnerCode)-\(box.suffix)" }

    /// One learner's row as posted, and which box each of its regular scores came from.
    struct PostedRow {
        let input: GradebookRowInput
        let regularBoxes: [Int]
    }

    /// A row for every learner of the sheet whose boxes were posted. Empty boxes are left out, so
    /// clearing a box removes that score; the regular scores keep their order.
    static func rows(_ form: [String: String], sheet: GradebookSheets.Sheet, regularBoxes: Int) -> [PostedRow] {
        sheet.rows.compactMap { row in
            guard form[fieldName(row.learnerCode, .midTerm)] != nil else { return nil }
            func value(_ box: Box) -> String? {
                form[fieldName(row.learnerCode, box)].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            var regular: [String] = [], boxes: [Int] = []
            for number in 1...max(1, regularBoxes) {
                if let score = value(.regular(number)) {
                    regular.append(score)
                    boxes.append(number)
                }
            }
            return PostedRow(input: GradebookRowInput(learnerCode: row.learnerCode, regular: regular, midTerm: value(.midTerm),
                                                      endOfTerm: value(.endOfTerm)),
                             regularBoxes: boxes)
        }
    }

    /// An error placed on a learner's row, on a box when the field names one.
    struct PlacedError {
        let learnerCode: String
        let box: Box?
        let message: String
    }

    /// Maps `items/N/…` back to the learner of row N and the box; errors naming no row stay unplaced.
    static func place(_ errors: [FieldError], rows: [PostedRow]) -> (placed: [PlacedError], unplaced: [String]) {
        var placed: [PlacedError] = [], unplaced: [String] = []
        for error in errors {
            let parts = error.field.split(separator: "/").map(String.init)
            guard parts.count >= 2, parts[0] == "items", let index = Int(parts[1]), rows.indices.contains(index) else {
                unplaced.append(error.message)
                continue
            }
            let row = rows[index]
            let box: Box? = switch parts.dropFirst(2).first {
            case "midTerm": .midTerm
            case "endOfTerm": .endOfTerm
            case "regular":
                parts.count > 3 ? Int(parts[3]).flatMap { row.regularBoxes.indices.contains($0) ? .regular(row.regularBoxes[$0]) : nil } : nil
            default: nil
            }
            placed.append(PlacedError(learnerCode: row.input.learnerCode, box: box, message: error.message))
        }
        return (placed, unplaced)
    }
}
