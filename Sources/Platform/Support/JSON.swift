import Foundation

/// The one JSON configuration of the platform: sorted keys so stored documents and ETags are stable.
public enum JSON {
    /// Shared: swift-foundation's coders are Sendable and keep no state between calls.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public static let decoder = JSONDecoder()

    /// The text `encoder` writes, by a shorter way (`DirectJSON`) wherever that gives the same text.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        // A generic caller (a resource's controller) reaches this overload for a type that writes itself.
        if let writable = value as? any JSONTextWritable { return try string(writable) }
        if let text = DirectJSON.encode(value) { return String(decoding: text, as: UTF8.self) }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The same text, written by the value itself.
    public static func string<T: JSONTextWritable>(_ value: T) throws -> String {
        var json = JSONTextBuilder()
        value.write(to: &json)
        if !json.refused { return String(decoding: json.bytes, as: UTF8.self) }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes a request body, refusing fields the model does not define: a misspelt field name from
    /// school software must not be dropped silently.
    /// `itemFields` names arrays of objects whose members are checked too (e.g. `["items": [...]]`).
    public static func decodeStrict<T: Decodable>(_ type: T.Type, from data: Data, allowedFields: Set<String>,
                                                  itemFields: [String: Set<String>] = [:]) throws -> T {
        let members = try memberNames(data, itemArrays: Set(itemFields.keys))
        if let unknown = members.names.filter({ !allowedFields.contains($0) }).min() {
            throw APIError.malformed(field: "/" + unknown, "unknown field '\(unknown)'")
        }
        for (array, fields) in itemFields.sorted(by: { $0.key < $1.key }) {
            for (index, item) in (members.items[array] ?? []).enumerated() {
                guard let item else { continue }
                if let unknown = item.filter({ !fields.contains($0) }).min() {
                    throw APIError.malformed(field: "/\(array)/\(index)/\(unknown)", "unknown field '\(unknown)'")
                }
            }
        }
        return try decoder.decode(T.self, from: data)
    }

    /// The body's member names, read over (`JSONMemberNames`), or from a parse of the whole body where
    /// that pass is not sure of the text; the parse says what is wrong with a body that is not an object.
    private static func memberNames(_ data: Data, itemArrays: Set<String>) throws -> JSONMemberNames {
        if let names = JSONMemberNames.read(data, itemArrays: itemArrays) { return names }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw APIError.malformed(field: nil, "the body is not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw APIError.malformed(field: nil, "the body must be a JSON object")
        }
        var members = JSONMemberNames(names: Array(dictionary.keys))
        for array in itemArrays {
            members.items[array] = (dictionary[array] as? [Any] ?? []).map { ($0 as? [String: Any]).map { Array($0.keys) } }
        }
        return members
    }
}
