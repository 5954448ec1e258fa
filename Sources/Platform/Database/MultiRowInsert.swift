import SQLKit

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
        let prefix = Self.placeholderPrefix(serializer)
        var text = ""
        text.reserveCapacity(values.count * 8)
        for (index, value) in values.enumerated() {
            let column = index % columns.count
            text += column == 0 ? (index == 0 ? "(" : "), (") : ", "
            if let prefix {
                serializer.binds.append(value)
                text += prefix
                text += String(serializer.binds.count)
            } else {
                serializer.write(text)
                text = ""
                serializer.write(bind: value)
            }
        }
        text += ")"
        serializer.write(text)
        serializer.write(suffix)
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
