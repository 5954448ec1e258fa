import CitizenID

/// The whole registry in memory, read-only once built: people by ID (a hash map from the ID as a
/// number), and by folded given name and birth year, so a search reads one small bucket instead
/// of scanning millions of rows. About 100 bytes a person: two million people take ~200 MB.
public final class RegistryIndex: Sendable {
    /// A person as the index holds them.
    public struct Record: Sendable {
        let id: UInt64
        public let family: String
        public let middle: String
        public let given: String
        let birth: RegistryBirthDate
        public let female: Bool
        let province: UInt16

        /// The citizen ID's 12 digits.
        public var citizenID: String { RegistryDigits.citizenText(id) }
        /// The date of birth as `yyyymmdd`, with `mmdd` 0 for a year alone.
        public var packedBirthDate: Int32 { birth.packed }
        /// The birth province's 3-digit code.
        public var birthProvince: String { RegistryIndex.provinceText(province) }

        var citizen: RegistryCitizen {
            RegistryCitizen(soDinhDanh: citizenID, ho: family, chuDem: middle, ten: given, ngayThangNamSinh: birth.text,
                            gioiTinh: female ? .female : .male, noiDangKyKhaiSinh: birthProvince)
        }

        var foldedFullName: String { NameKey.folded(family + " " + middle + " " + given) }
    }

    struct BucketKey: Hashable, Sendable {
        let givenName: String
        let year: Int
    }

    private let records: [Record]
    private let byID: [UInt64: Int32]
    /// Row numbers of each bucket, in ID order (the order of search results and pages).
    private let byNameAndYear: [BucketKey: [Int32]]

    public var count: Int { records.count }

    /// Why an index cannot be built: the same ID twice.
    public struct DuplicateID: Error, CustomStringConvertible {
        public let citizenID: String
        public var description: String { "citizen ID \(citizenID) appears more than once" }
    }

    init(records: [Record]) throws(DuplicateID) {
        var byID: [UInt64: Int32] = [:]
        byID.reserveCapacity(records.count)
        var buckets: [BucketKey: [Int32]] = [:]
        for (row, record) in records.enumerated() {
            if byID.updateValue(Int32(row), forKey: record.id) != nil {
                throw DuplicateID(citizenID: RegistryDigits.citizenText(record.id))
            }
            let key = BucketKey(givenName: String(NameKey.lastWord(ofFolded: NameKey.folded(record.given))), year: record.birth.year)
            buckets[key, default: []].append(Int32(row))
        }
        for key in buckets.keys {
            buckets[key]?.sort { records[Int($0)].id < records[Int($1)].id }
        }
        self.records = records
        self.byID = byID
        byNameAndYear = buckets
    }

    /// Builds an index from citizens already in memory (tests, small fixtures).
    public convenience init(citizens: [RegistryCitizen]) throws {
        var records: [Record] = []
        for citizen in citizens {
            guard let id = RegistryDigits.citizenNumber(citizen.soDinhDanh),
                  let birth = RegistryBirthDate(citizen.ngayThangNamSinh),
                  RegistryDigits.isDigits(citizen.noiDangKyKhaiSinh, count: 3), let province = UInt16(citizen.noiDangKyKhaiSinh)
            else { throw RegistryFileError.invalidCitizen(citizen.soDinhDanh) }
            records.append(Record(id: id, family: citizen.ho, middle: citizen.chuDem, given: citizen.ten, birth: birth,
                                  female: citizen.gioiTinh == .female, province: province))
        }
        try self.init(records: records)
    }

    /// The person with this ID, if the registry holds one.
    public func citizen(_ id: String) -> RegistryCitizen? {
        guard let number = RegistryDigits.citizenNumber(id), let row = byID[number] else { return nil }
        return records[Int(row)].citizen
    }

    /// Up to `limit` people matching `query` with an ID after `after` (the last ID of the previous
    /// page), and the last ID returned when more may follow.
    public func search(_ query: CitizenQuery, after: String?, limit: Int) -> (items: [RegistryCitizen], lastID: String?) {
        let folded = NameKey.folded(query.hoVaTen)
        let key = BucketKey(givenName: String(NameKey.lastWord(ofFolded: folded)), year: query.namSinh)
        guard let rows = byNameAndYear[key], limit > 0 else { return ([], nil) }
        let start = after.flatMap(RegistryDigits.citizenNumber) ?? 0
        let province = query.noiDangKyKhaiSinh.flatMap { UInt16($0) }
        var items: [RegistryCitizen] = []
        var remaining = rows[firstRow(after: start, in: rows, hasCursor: after != nil)...].makeIterator()
        while let row = remaining.next() {
            let record = records[Int(row)]
            if let sex = query.gioiTinh, (sex == .female) != record.female { continue }
            if let province, province != record.province { continue }
            guard record.foldedFullName == folded else { continue }
            if items.count == limit { return (items, items.last?.soDinhDanh) }
            items.append(record.citizen)
        }
        return (items, nil)
    }

    /// Position of the first row whose ID is above `start` (binary search: buckets are in ID order).
    private func firstRow(after start: UInt64, in rows: [Int32], hasCursor: Bool) -> Int {
        guard hasCursor else { return 0 }
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if records[Int(rows[middle])].id <= start { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func provinceText(_ code: UInt16) -> String {
        code < 10 ? "00\(code)" : code < 100 ? "0\(code)" : String(code)
    }
}
