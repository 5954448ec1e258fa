import SplitMix
import Testing
import Compression
@testable import DataIntegrity

@Suite("Bitstring Status List")
struct StatusListTests {
    static let folder = "bitstring-status-list/"

    @Test("the spec's all-clear list decodes to 131,072 zero bits")
    func allClearExample() throws {
        let credential = try TestVectors.json(Self.folder + "spec-example-BitstringStatusListCredential-all-clear.json")
        let list = try BitstringStatusList(credential: credential)
        #expect(list.credentialID == "https://example.com/credentials/status/3")
        #expect(list.statusPurposes == ["revocation"])
        #expect(list.bitstring.bitCount == 131_072)
        #expect(list.bitstring.bytes.count == 16_384)
        #expect(list.bitstring.bytes.allSatisfy { $0 == 0 })
    }

    @Test("the spec's revocation and suspension entries parse, with string indexes")
    func entryExample() throws {
        let credential = try TestVectors.json(Self.folder + "spec-example-credential-with-revocation-and-suspension-entries.json")
        let entries = try BitstringStatusListEntry.entries(in: credential)
        #expect(entries == [
            BitstringStatusListEntry(
                id: "https://example.com/credentials/status/3#94567", statusPurpose: "revocation",
                statusListIndex: 94_567, statusListCredential: "https://example.com/credentials/status/3"),
            BitstringStatusListEntry(
                id: "https://example.com/credentials/status/4#23452", statusPurpose: "suspension",
                statusListIndex: 23_452, statusListCredential: "https://example.com/credentials/status/4"),
        ])
    }

    @Test("looking up the example entries against a list with bit 94567 set")
    func lookup() throws {
        let credential = try TestVectors.json(Self.folder + "spec-example-credential-with-revocation-and-suspension-entries.json")
        let entries = try BitstringStatusListEntry.entries(in: credential)
        var bits = try StatusBitstring()
        try bits.setBit(at: 94_567, to: true)
        let listCredential: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": "https://example.com/credentials/status/3",
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "credentialSubject": [
                "id": "https://example.com/status/3#list", "type": "BitstringStatusList",
                "statusPurpose": "revocation", "encodedList": .string(bits.encodedList),
            ],
        ]
        let list = try BitstringStatusList(credential: listCredential)
        #expect(try list.status(of: entries[0]) == 1)
        let neighbour = BitstringStatusListEntry(
            statusPurpose: "revocation", statusListIndex: 94_566, statusListCredential: "https://example.com/credentials/status/3")
        #expect(try list.status(of: neighbour) == 0)
        #expect(throws: StatusListError.listCredentialMismatch(
            entry: "https://example.com/credentials/status/4", list: "https://example.com/credentials/status/3")) {
            try list.status(of: entries[1])
        }
        let wrongPurpose = BitstringStatusListEntry(
            statusPurpose: "suspension", statusListIndex: 1, statusListCredential: "https://example.com/credentials/status/3")
        #expect(throws: StatusListError.purposeMismatch(entry: "suspension", list: ["revocation"])) {
            try list.status(of: wrongPurpose)
        }
    }

    @Test("bit order is most significant bit first")
    func bitOrder() throws {
        var bits = try StatusBitstring()
        try bits.setBit(at: 0, to: true)
        #expect(bits.bytes[0] == 0x80)
        try bits.setBit(at: 7, to: true)
        #expect(bits.bytes[0] == 0x81)
        try bits.setBit(at: 8, to: true)
        #expect(bits.bytes[1] == 0x80)
        try bits.setBit(at: 131_071, to: true)
        #expect(bits.bytes[16_383] == 0x01)
        try bits.setBit(at: 0, to: false)
        #expect(bits.bytes[0] == 0x01)
        #expect(try bits.bit(at: 7) && !bits.bit(at: 6))
    }

    @Test("a Python-made list decodes with exactly its 1,000 set bits")
    func pythonList() throws {
        let fixture = try TestVectors.json("generated/statuslist-1000-set.json")
        let encoded = try #require(fixture["encodedList"]?.stringValue)
        let expected = Set(try #require(fixture["setIndexes"]?.arrayValue).compactMap { $0.numberValue.map(Int.init) })
        #expect(expected.count == 1_000)
        let bits = try StatusBitstring(encodedList: encoded)
        #expect(bits.bitCount == 131_072)
        let wrong = try (0..<bits.bitCount).filter { try bits.bit(at: $0) != expected.contains($0) }
        #expect(wrong.isEmpty, "bits \(wrong.prefix(10))")
    }

    @Test("property: set random bits, encode, decode, read back")
    func roundTrip() throws {
        var rng = SplitMix64(seed: 131_072)
        for round in 0..<20 {
            let bitCount = round.isMultiple(of: 4) ? 1_048_576 : 131_072
            var bits = try StatusBitstring(bitCount: bitCount)
            var set = Set<Int>()
            for _ in 0..<Int.random(in: 0...300, using: &rng) {
                let index = Int.random(in: 0..<bitCount, using: &rng)
                try bits.setBit(at: index, to: true)
                set.insert(index)
            }
            let encoded = bits.encodedList
            #expect(encoded.hasPrefix("u"))
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
            let decoded = try StatusBitstring(encodedList: encoded)
            #expect(decoded == bits)
            for index in set {
                #expect(try decoded.bit(at: index))
            }
            #expect(decoded.bytes.reduce(0) { $0 + $1.nonzeroBitCount } == set.count)
        }
    }

    @Test("multi-bit entries (statusSize 2) read and write most significant bit first")
    func statusSize() throws {
        var bits = try StatusBitstring()
        try bits.setStatus(2, at: 5, statusSize: 2)
        #expect(bits.bytes[1] == 0x20)  // bits 10 and 11 = 1, 0
        #expect(try bits.status(at: 5, statusSize: 2) == 2)
        try bits.setStatus(3, at: 5, statusSize: 2)
        #expect(try bits.status(at: 5, statusSize: 2) == 3)
        #expect(try bits.status(at: 4, statusSize: 2) == 0)
        #expect(throws: StatusListError.indexOutOfRange(index: 65_536, entryCount: 65_536)) {
            try bits.status(at: 65_536, statusSize: 2)
        }
        #expect(throws: StatusListError.invalidStatusSize("0")) { try bits.status(at: 0, statusSize: 0) }

        let entry = try BitstringStatusListEntry(json: [
            "type": "BitstringStatusListEntry", "statusPurpose": "message", "statusListIndex": "492847",
            "statusSize": 2, "statusListCredential": "https://example.com/credentials/status/8",
        ])
        #expect(entry.statusSize == 2 && entry.statusListIndex == 492_847)
        // A minimum-size list is too short for 2-bit entries.
        let list = BitstringStatusList(
            credentialID: "https://example.com/credentials/status/8", statusPurposes: ["message"], bitstring: bits)
        #expect(throws: StatusListError.bitstringTooShort(bitCount: 131_072, minimum: 262_144)) {
            try list.status(of: entry)
        }
    }

    @Test("statusListIndex must be a decimal string, never a number")
    func indexValidation() throws {
        func entry(index: JSONValue) -> JSONValue {
            [
                "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                "statusListIndex": index, "statusListCredential": "https://example.com/status/1",
            ]
        }
        #expect(try BitstringStatusListEntry(json: entry(index: "0")).statusListIndex == 0)
        #expect(try BitstringStatusListEntry(json: entry(index: "00042")).statusListIndex == 42)
        #expect(throws: StatusListError.wrongFieldType(field: "statusListIndex", expected: "string", found: "number")) {
            try BitstringStatusListEntry(json: entry(index: 94_567))
        }
        for bad in ["", "-1", "+5", " 5", "5 ", "1e3", "1.0", "0x10", "٣", "99999999999999999999999"] {
            #expect(throws: StatusListError.indexNotDecimal(bad)) { try BitstringStatusListEntry(json: entry(index: .string(bad))) }
        }
        #expect(throws: StatusListError.missingField("statusListIndex")) {
            try BitstringStatusListEntry(json: entry(index: "1").removingMember("statusListIndex"))
        }
        #expect(throws: StatusListError.notStatusListEntry(type: "StatusList2021Entry")) {
            try BitstringStatusListEntry(json: entry(index: "1").settingMember("type", to: "StatusList2021Entry"))
        }
        #expect(throws: StatusListError.wrongFieldType(field: "statusSize", expected: "number", found: "string")) {
            try BitstringStatusListEntry(json: entry(index: "1").settingMember("statusSize", to: "2"))
        }
        #expect(throws: StatusListError.invalidStatusSize("1.5")) {
            try BitstringStatusListEntry(json: entry(index: "1").settingMember("statusSize", to: 1.5))
        }
        // Other status types are skipped when collecting entries.
        let credential: JSONValue = ["credentialStatus": [["type": "StatusList2021Entry"], entry(index: "7")]]
        #expect(try BitstringStatusListEntry.entries(in: credential).map(\.statusListIndex) == [7])
    }

    @Test("lists shorter than 131,072 entries and out-of-range indexes are refused")
    func sizeLimits() throws {
        #expect(throws: StatusListError.bitstringTooShort(bitCount: 8_000, minimum: 131_072)) {
            try StatusBitstring(bytes: [UInt8](repeating: 0, count: 1_000))
        }
        #expect(throws: StatusListError.bitstringTooShort(bitCount: 131_064, minimum: 131_072)) {
            try StatusBitstring(bitCount: 131_064)
        }
        let shortList = Multibase.base64url.encode(Gzip.compress([UInt8](repeating: 0, count: 1_000)))
        #expect(throws: StatusListError.bitstringTooShort(bitCount: 8_000, minimum: 131_072)) {
            try StatusBitstring(encodedList: shortList)
        }
        let bits = try StatusBitstring()
        #expect(throws: StatusListError.indexOutOfRange(index: 131_072, entryCount: 131_072)) { try bits.bit(at: 131_072) }
        #expect(throws: StatusListError.indexOutOfRange(index: -1, entryCount: 131_072)) { try bits.bit(at: -1) }
        #expect(throws: StatusListError.indexOutOfRange(index: Int.max, entryCount: 65_536)) {
            try bits.status(at: Int.max, statusSize: 2)
        }
    }

    @Test("malformed and oversized encoded lists are refused")
    func malformedEncodedLists() throws {
        #expect(throws: StatusListError.encodedListNotBase64URL(.unexpectedMultibasePrefix(expected: "u", found: "z"))) {
            try StatusBitstring(encodedList: "zABC")
        }
        #expect(throws: StatusListError.encodedListNotBase64URL(.invalidCharacter("=", offset: 4))) {
            try StatusBitstring(encodedList: "uH4sI=")
        }
        #expect(throws: StatusListError.decompressionFailed(.notGzip)) {
            try StatusBitstring(encodedList: Multibase.base64url.encode([UInt8](repeating: 0, count: 20)))
        }
        let bomb = Multibase.base64url.encode(try TestVectors.bytes("generated/bomb-17MiB-zeros.gz"))
        #expect(throws: StatusListError.decompressionFailed(.outputLimitExceeded(limit: 16 << 20))) {
            try StatusBitstring(encodedList: bomb)
        }
        #expect(throws: StatusListError.decompressionFailed(.outputLimitExceeded(limit: 1 << 20))) {
            try StatusBitstring(encodedList: bomb, maximumDecompressedBytes: 1 << 20)
        }
    }

    @Test("a list credential must say what it is")
    func listCredentialShape() throws {
        let all = try TestVectors.json(Self.folder + "spec-example-BitstringStatusListCredential-all-clear.json")
        #expect(throws: StatusListError.notStatusListCredential) {
            try BitstringStatusList(credential: all.settingMember("type", to: ["VerifiableCredential"]))
        }
        let subject = try #require(all["credentialSubject"])
        #expect(throws: StatusListError.missingField("encodedList")) {
            try BitstringStatusList(credential: all.settingMember("credentialSubject", to: subject.removingMember("encodedList")))
        }
        #expect(throws: StatusListError.wrongFieldType(field: "encodedList", expected: "string", found: "number")) {
            try BitstringStatusList(credential: all.settingMember("credentialSubject", to: subject.settingMember("encodedList", to: 1)))
        }
    }
}
