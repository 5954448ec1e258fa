/// A `credentialStatus` entry of type `BitstringStatusListEntry`: which list to fetch and
/// which entry of it describes this credential.
public struct BitstringStatusListEntry: Sendable, Equatable, Hashable {
    /// The `type` value of the entries this reads.
    public static let type = "BitstringStatusListEntry"

    /// The entry's own `id`, if any.
    public let id: String?
    /// `revocation`, `suspension`, `message` or another purpose; must match the list's.
    public let statusPurpose: String
    /// Entry number in the list (not a bit offset when `statusSize` > 1).
    public let statusListIndex: Int
    /// URL of the `BitstringStatusListCredential`.
    public let statusListCredential: String
    /// Bits per entry; 1 unless the entry says otherwise.
    public let statusSize: Int

    /// An entry from its fields.
    public init(
        id: String? = nil, statusPurpose: String, statusListIndex: Int,
        statusListCredential: String, statusSize: Int = 1
    ) {
        self.id = id
        self.statusPurpose = statusPurpose
        self.statusListIndex = statusListIndex
        self.statusListCredential = statusListCredential
        self.statusSize = statusSize
    }

    /// Reads one entry.
    ///
    /// `statusListIndex` must be a JSON *string* of decimal digits: the specification
    /// says so, and numbers would invite precision loss in JavaScript verifiers above
    /// 2^53, so a number is rejected rather than coerced.
    public init(json: JSONValue) throws(StatusListError) {
        guard case .object = json else {
            throw .wrongFieldType(field: "credentialStatus", expected: "object", found: json.typeName)
        }
        let type = json["type"]?.stringValue
        guard type == Self.type else { throw .notStatusListEntry(type: type) }
        id = try Self.optionalString(json, "id")
        statusPurpose = try Self.requiredString(json, "statusPurpose")
        statusListCredential = try Self.requiredString(json, "statusListCredential")
        statusListIndex = try Self.decimalIndex(try Self.requiredString(json, "statusListIndex"))
        statusSize = try Self.statusSize(json["statusSize"])
    }

    /// All `BitstringStatusListEntry` entries of a credential's `credentialStatus` (an
    /// object or an array). Entries of other status types are skipped; a malformed
    /// entry of this type is an error.
    public static func entries(in credential: JSONValue) throws(StatusListError) -> [BitstringStatusListEntry] {
        let candidates: [JSONValue]
        switch credential["credentialStatus"] {
        case nil: return []
        case .array(let items)?: candidates = items
        case let single?: candidates = [single]
        }
        var entries: [BitstringStatusListEntry] = []
        for candidate in candidates where candidate["type"]?.stringValue == type {
            entries.append(try BitstringStatusListEntry(json: candidate))
        }
        return entries
    }

    // MARK: Field readers

    private static func requiredString(_ json: JSONValue, _ field: String) throws(StatusListError) -> String {
        guard let value = json[field] else { throw .missingField(field) }
        guard let text = value.stringValue else {
            throw .wrongFieldType(field: field, expected: "string", found: value.typeName)
        }
        return text
    }

    private static func optionalString(_ json: JSONValue, _ field: String) throws(StatusListError) -> String? {
        guard json[field] != nil else { return nil }
        return try requiredString(json, field)
    }

    private static func decimalIndex(_ text: String) throws(StatusListError) -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = Int(text)
        else { throw .indexNotDecimal(text) }
        return value
    }

    private static func statusSize(_ value: JSONValue?) throws(StatusListError) -> Int {
        guard let value else { return 1 }
        guard let number = value.numberValue else {
            throw .wrongFieldType(field: "statusSize", expected: "number", found: value.typeName)
        }
        guard number.rounded() == number, number >= 1, number <= 64 else {
            throw .invalidStatusSize(ECMAScriptNumber.format(number) ?? "\(number)")
        }
        return Int(number)
    }
}
