import CitizenID
import VietnameseText

/// An in-memory index of registry people for matching millions of school records.
///
/// Compact by construction: people are stored as parallel arrays of small integers
/// (sorted by citizen ID, so `lookup(citizenID:)` is a binary search), each distinct
/// name part ("Nguyễn", "Văn", "Thị Thu"…) is prepared once and shared, and the
/// blocking index is a sorted array of key hashes with offsets into one array of
/// person numbers. No per-person object, no per-person String.
public struct RegistryIndex: Sendable {
    /// Citizen IDs as integers, ascending; person `i` is at position `i` of every array.
    let citizenIDs: [UInt64]
    let familyPart: [UInt32]
    let middlePart: [UInt32]
    let givenPart: [UInt32]
    let packedDOB: [Int32]
    let sexCode: [UInt8]
    let province: [UInt16]
    /// Distinct name parts, prepared.
    let parts: [[NameWord]]
    /// Per part: its words' text, joined by spaces.
    let partTexts: [String]
    /// Per part: the number of its folded form if it is a single word (else
    /// `multiWordKey`), so the candidate search can tell from two integers whether a
    /// family or given name can possibly agree.
    let partFoldedKey: [UInt32]
    let foldedWordKeys: [[UInt8]: UInt32]
    static let multiWordKey = UInt32.max
    /// For a part used as a given name: the share of people whose folded given name
    /// is the same (term frequency).
    let partGivenFrequency: [Double]
    /// For a part used as a family or a middle name: the share of people whose folded family
    /// (middle) name is the same. Only an automatic link weighs them (`Verifier.search`).
    let partFamilyFrequency: [Double]
    let partMiddleFrequency: [Double]
    /// The same shares by folded given name, for bounding a record's best possible weight.
    let foldedGivenFrequency: [[UInt8]: Double]
    /// Blocking: sorted distinct key hashes; block `k` is `postings[blockStarts[k]..<blockStarts[k+1]]`.
    let blockKeys: [UInt64]
    let blockStarts: [UInt32]
    let postings: [UInt32]

    public var count: Int { citizenIDs.count }

    public init(_ people: [RegistryPerson]) {
        var builder = RegistryIndexBuilder(capacity: people.count)
        // Each ID read once, not twice per comparison of the sort.
        let ids = people.map { UInt64($0.citizenID.digits) ?? 0 }
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        var lastID: UInt64?
        for position in order {
            let id = ids[position]
            if id == lastID { continue }
            lastID = id
            builder.add(people[position], id: id)
        }
        let blocks = builder.buildBlocks()
        citizenIDs = builder.citizenIDs
        familyPart = builder.familyPart
        middlePart = builder.middlePart
        givenPart = builder.givenPart
        packedDOB = builder.packedDOB
        sexCode = builder.sexCode
        province = builder.province
        parts = builder.parts
        partTexts = builder.partTexts
        partFoldedKey = builder.partFoldedKey
        foldedWordKeys = builder.foldedWordKeys
        partGivenFrequency = builder.givenFrequencies()
        partFamilyFrequency = builder.familyFrequencies()
        partMiddleFrequency = builder.middleFrequencies()
        foldedGivenFrequency = builder.foldedGivenFrequencies()
        blockKeys = blocks.keys
        blockStarts = blocks.starts
        postings = blocks.postings
    }

    /// Position of the person with this ID, if registered.
    public func position(of citizenID: CitizenID) -> Int? {
        guard let id = UInt64(citizenID.digits) else { return nil }
        var low = 0, high = citizenIDs.count
        while low < high {
            let mid = (low + high) / 2
            if citizenIDs[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < citizenIDs.count && citizenIDs[low] == id ? low : nil
    }

    /// The registry person with this ID, if registered.
    public func lookup(citizenID: CitizenID) -> RegistryPerson? {
        position(of: citizenID).flatMap(person(at:))
    }

    /// The person at `position` (0..<count), rebuilt from the compact arrays. Nil only
    /// if the stored number were not 12 digits, which `init` never stores.
    public func person(at position: Int) -> RegistryPerson? {
        guard let id = try? CitizenID.parse(Self.twelveDigits(citizenIDs[position])) else { return nil }
        func text(_ part: UInt32) -> String { partTexts[Int(part)] }
        let code = province[position]
        return RegistryPerson(
            citizenID: id, familyName: text(familyPart[position]), middleName: text(middlePart[position]),
            givenName: text(givenPart[position]), dateOfBirth: CivilDate(packed: packedDOB[position]),
            sex: SexCode.sex(sexCode[position]),
            birthProvince: code == 0 ? nil : RegistryIndex.threeDigits(code))
    }

    /// Share of registry people with this person's folded given name.
    public func givenNameFrequency(at position: Int) -> Double {
        partGivenFrequency[Int(givenPart[position])]
    }

    /// Shares of registry people with this person's folded family name and folded middle name.
    public func familyAndMiddleFrequency(at position: Int) -> (family: Double, middle: Double) {
        (partFamilyFrequency[Int(familyPart[position])], partMiddleFrequency[Int(middlePart[position])])
    }

    /// The name of the person at `position`, as prepared words (no copying).
    func name(at position: Int) -> RegistryName {
        RegistryName(
            family: parts[Int(familyPart[position])], middle: parts[Int(middlePart[position])],
            given: parts[Int(givenPart[position])])
    }

    /// Approximate heap bytes held by the index (array payloads and prepared parts).
    public var memoryBytes: Int {
        let perPerson = citizenIDs.capacity * 8 + (familyPart.capacity + middlePart.capacity + givenPart.capacity) * 4
            + packedDOB.capacity * 4 + sexCode.capacity + province.capacity * 2
        let blocking = blockKeys.capacity * 8 + blockStarts.capacity * 4 + postings.capacity * 4
        let partBytes = parts.reduce(parts.capacity * 8) { total, words in
            total + 32 + words.reduce(0) { $0 + 96 + 3 * MemoryLayout<InlineBytes>.size + $1.text.utf8.count * 2 + $1.folded.count * 2 + 64 }
        }
        return perPerson + blocking + partBytes + (partGivenFrequency.capacity + partFamilyFrequency.capacity + partMiddleFrequency.capacity) * 8
            + partFoldedKey.capacity * 4
            + partTexts.reduce(partTexts.capacity * 16) { $0 + ($1.utf8.count > 15 ? 32 + $1.utf8.count : 0) }
            + foldedWordKeys.count * 48
    }

    static func threeDigits(_ code: UInt16) -> String { String(zeroPadded: Int(code), width: 3) }

    /// A stored citizen ID as its twelve digits.
    static func twelveDigits(_ id: UInt64) -> String { String(zeroPadded: Int(id), width: 12) }
}
