import Compression

/// The subject of a `BitstringStatusListCredential`: its purposes and decoded bitstring.
///
/// This reads the list; verifying the list credential's own proof, issuer and validity
/// period is the caller's job and must happen before trusting it.
public struct BitstringStatusList: Sendable, Equatable {
    /// The list credential's `id`, which entries name in `statusListCredential`.
    public let credentialID: String?
    /// The list's `statusPurpose`, as one or more strings.
    public let statusPurposes: [String]
    /// The decoded entries.
    public let bitstring: StatusBitstring

    /// A list from parts already decoded.
    public init(credentialID: String?, statusPurposes: [String], bitstring: StatusBitstring) {
        self.credentialID = credentialID
        self.statusPurposes = statusPurposes
        self.bitstring = bitstring
    }

    /// Reads a `BitstringStatusListCredential` and decodes its `encodedList`.
    public init(
        credential: JSONValue, maximumDecompressedBytes: Int = Gzip.defaultMaximumOutputBytes
    ) throws(StatusListError) {
        let types = Self.strings(credential["type"])
        guard types.contains("BitstringStatusListCredential") else { throw .notStatusListCredential }
        guard let subject = credential["credentialSubject"],
              subject["type"]?.stringValue == "BitstringStatusList"
        else { throw .notStatusListCredential }
        guard let purpose = subject["statusPurpose"] else { throw .missingField("statusPurpose") }
        let purposes = Self.strings(purpose)
        guard !purposes.isEmpty else {
            throw .wrongFieldType(field: "statusPurpose", expected: "string", found: purpose.typeName)
        }
        guard let encoded = subject["encodedList"] else { throw .missingField("encodedList") }
        guard let encodedText = encoded.stringValue else {
            throw .wrongFieldType(field: "encodedList", expected: "string", found: encoded.typeName)
        }
        credentialID = credential["id"]?.stringValue
        statusPurposes = purposes
        bitstring = try StatusBitstring(encodedList: encodedText, maximumDecompressedBytes: maximumDecompressedBytes)
    }

    /// The status value of `entry` in this list (0 = in good standing for revocation
    /// and suspension), after checking the entry points at this list, has one of its
    /// purposes, and the list is long enough for the entry's `statusSize`.
    public func status(of entry: BitstringStatusListEntry) throws(StatusListError) -> UInt64 {
        guard credentialID.map({ $0.hasSameScalars(as: entry.statusListCredential) }) == true else {
            throw .listCredentialMismatch(entry: entry.statusListCredential, list: credentialID)
        }
        guard statusPurposes.contains(where: { $0.hasSameScalars(as: entry.statusPurpose) }) else {
            throw .purposeMismatch(entry: entry.statusPurpose, list: statusPurposes)
        }
        guard (1...64).contains(entry.statusSize) else { throw .invalidStatusSize(String(entry.statusSize)) }
        let minimum = StatusBitstring.minimumBitCount * entry.statusSize
        guard bitstring.bitCount >= minimum else {
            throw .bitstringTooShort(bitCount: bitstring.bitCount, minimum: minimum)
        }
        return try bitstring.status(at: entry.statusListIndex, statusSize: entry.statusSize)
    }

    /// A string, or the strings of an array; anything else gives none.
    private static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let s)?: [s]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
    }
}
