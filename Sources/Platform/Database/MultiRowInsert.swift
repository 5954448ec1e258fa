import SQLKit
import Synchronization

/// `INSERT INTO table (columns) VALUES (…), (…) [suffix]` for many rows at once, the statement of
/// every bulk write (records, change feed, audit log, identity checks).
///
/// Written straight into the serializer: built with `SQLQueryString`, each of a batch's thousands of
/// values became an expression of its own, asked the dialect for its placeholder and serialised it,
/// which took a twentieth of a bulk import's writer. The statement is the same as SQLKit's for the
/// same identifiers and values (a test compares them); constants are bound values like the rest.
public struct MultiRowInsert: SQLExpression {
    let table: String
    let columns: [String]
    /// Row after row, `columns.count` values each.
    let values: [any Encodable & Sendable]
    /// Text after the rows, e.g. ` RETURNING change_version` or an `ON CONFLICT` clause.
    let suffix: String

    public init(into table: String, columns: [String], values: [any Encodable & Sendable], suffix: String = "") {
        precondition(!columns.isEmpty && !values.isEmpty && values.count % columns.count == 0,
                     "a multi-row insert needs whole rows of \(columns.count) values")
        self.table = table
        self.columns = columns
        self.values = values
        self.suffix = suffix
    }

    public func serialize(to serializer: inout SQLSerializer) {
        serializer.write("INSERT INTO ")
        SQLIdentifier(table).serialize(to: &serializer)
        serializer.write(" (")
        for (index, column) in columns.enumerated() {
            if index > 0 { serializer.write(", ") }
            SQLIdentifier(column).serialize(to: &serializer)
        }
        serializer.write(") VALUES ")
        guard let prefix = Self.placeholderPrefix(serializer) else {
            for (index, value) in values.enumerated() {
                let column = index % columns.count
                serializer.write(column == 0 ? (index == 0 ? "(" : "), (") : ", ")
                serializer.write(bind: value)
            }
            serializer.write(")")
            serializer.write(suffix)
            return
        }
        let shape = Shape(prefix: prefix, columns: columns.count, rows: values.count / columns.count,
                          firstPosition: serializer.binds.count + 1)
        serializer.write(Self.placeholders(shape))
        serializer.binds.append(contentsOf: values)
        serializer.write(suffix)
    }

    /// What the placeholders' text depends on. A bulk write's statements come in a few shapes
    /// (full batches, and the last one of each run), so their text is kept rather than written anew:
    /// a batch of 1,000 identity checks has 13,000 placeholders.
    private struct Shape: Hashable {
        let prefix: String
        let columns: Int
        let rows: Int
        let firstPosition: Int
    }

    private static let placeholderTexts = Mutex<[Shape: String]>([:])
    private static let maximumPlaceholderTexts = 64

    /// `(?1, ?2), (?3, ?4)` for the shape, from the kept texts when it came before.
    private static func placeholders(_ shape: Shape) -> String {
        if let text = placeholderTexts.withLock({ $0[shape] }) { return text }
        var text = ""
        text.reserveCapacity(shape.rows * shape.columns * 8)
        var position = shape.firstPosition
        for row in 0..<shape.rows {
            text += row == 0 ? "(" : "), ("
            for column in 0..<shape.columns {
                if column > 0 { text += ", " }
                text += shape.prefix
                text += String(position)
                position += 1
            }
        }
        text += ")"
        placeholderTexts.withLock { texts in
            if texts.count >= maximumPlaceholderTexts { texts.removeAll(keepingCapacity: true) }
            texts[shape] = text
        }
        return text
    }

    /// The text before the position in the dialect's placeholders (`?` for `?7`, `$` for `$7`), or
    /// nil when its placeholders are not that simple and each value must ask the dialect.
    private static func placeholderPrefix(_ serializer: SQLSerializer) -> String? {
        func text(at position: Int) -> String {
            var probe = serializer
            probe.sql = ""
            serializer.dialect.bindPlaceholder(at: position).serialize(to: &probe)
            return probe.sql
        }
        let first = text(at: 1)
        guard first.hasSuffix("1") else { return nil }
        let prefix = String(first.dropLast())
        return text(at: 12) == prefix + "12" ? prefix : nil
    }
}
