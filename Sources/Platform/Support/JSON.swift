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
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw APIError.malformed(field: nil, "the body is not valid JSON")
        }
        guard let dictionary = object as? [String: Any] else {
            throw APIError.malformed(field: nil, "the body must be a JSON object")
        }
        if let unknown = dictionary.keys.sorted().first(where: { !allowedFields.contains($0) }) {
            throw APIError.malformed(field: "/" + unknown, "unknown field '\(unknown)'")
        }
        for (array, fields) in itemFields {
            for (index, item) in (dictionary[array] as? [Any] ?? []).enumerated() {
                guard let member = item as? [String: Any] else { continue }
                if let unknown = member.keys.sorted().first(where: { !fields.contains($0) }) {
                    throw APIError.malformed(field: "/\(array)/\(index)/\(unknown)", "unknown field '\(unknown)'")
                }
            }
        }
        return try decoder.decode(T.self, from: data)
    }
}
