import CitizenID

/// Hands out the six random digits of citizen IDs (`PPP G YY NNNNNN`) so that no two people of a
/// dataset share an ID, with no counter shared between threads.
///
/// IDs can collide only within one bucket (same prefix, century/sex digit and year). A part
/// counts the people it places in each bucket and turns the count into a serial from a range
/// that no other part uses:
/// - births registered in one of the part's own old provinces ("home" births; only this
///   province's parts use those prefixes) take serials `count × partsInProvince + part` below
///   900,000;
/// - births registered elsewhere (people who moved) take `900,000 + count × 2,176 + slot`, where
///   the slot (province × 64 + part) is unique in the country.
/// The serial is then scrambled by a bijection of 0…999,999 keyed by the bucket, so IDs look
/// random while staying distinct. A bucket that overflows its range stops the run with an error
/// instead of repeating an ID.
struct CitizenIDSerials {
    static let homeLimit = 900_000
    static let slots = 34 * DatasetPlan.maximumPartsPerProvince

    private let homeStride: Int
    private let homeOffset: Int
    private let migrantSlot: Int
    private let seed: UInt64
    /// Counts per bucket: old-province index (63) × century/sex digit (4) × year (100).
    private var homeCounts: [UInt32]
    private var migrantCounts: [UInt32]

    init(part: DatasetPlan.Part, seed: UInt64) {
        homeStride = part.partsInProvince
        homeOffset = part.indexInProvince
        migrantSlot = part.province * DatasetPlan.maximumPartsPerProvince + part.indexInProvince
        self.seed = seed
        homeCounts = Array(repeating: 0, count: 64 * 4 * 100)
        migrantCounts = Array(repeating: 0, count: 64 * 4 * 100)
    }

    /// The 12-digit ID of a person born in `year` of `sex`, whose birth was registered in old
    /// province number `oldProvince` (with code `prefix`).
    mutating func next(oldProvince: Int, prefix: String, female: Bool, year: Int, home: Bool) throws -> String {
        let century = CitizenID.centuryDigit(birthYear: year, sex: female ? .female : .male)
        let bucket = (oldProvince * 4 + century) * 100 + year % 100
        let raw: Int
        if home {
            let count = Int(homeCounts[bucket])
            homeCounts[bucket] += 1
            raw = count * homeStride + homeOffset
            guard raw < Self.homeLimit else { throw GenerateError.serialsExhausted(prefix: prefix, year: year) }
        } else {
            let count = Int(migrantCounts[bucket])
            migrantCounts[bucket] += 1
            raw = Self.homeLimit + count * Self.slots + migrantSlot
            guard raw < 1_000_000 else { throw GenerateError.serialsExhausted(prefix: prefix, year: year) }
        }
        // 739,391 is prime to 10, so multiplying by it permutes 0…999,999.
        let key = Int(Seeds.mix(seed ^ UInt64(bucket)) % 1_000_000)
        let serial = (raw * 739_391 + key) % 1_000_000
        return prefix + String(century) + Self.twoDigits(year % 100) + Self.sixDigits(serial)
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }

    static func sixDigits(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: 6 - text.count) + text
    }
}
