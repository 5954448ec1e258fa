/// Blocking keys: people who share a key are compared; nobody else is. Each key is
/// robust to a different kind of damage, so a record damaged in one field is still
/// found through another (DOMAIN.md §1.5):
///
/// - `givenYear`: folded given name + birth year (any damage to the family name, the
///   day or the month, diacritics);
/// - `dateSex`: the full date of birth + sex (any damage to the name);
/// - `swappedDateSex`: year + {day, month} unordered + sex (a US-locale day/month swap
///   together with name damage);
/// - `initialsYearProvince`: family and given initials + birth year + birth province
///   (typos inside both names).
///
/// Keys are 64-bit FNV-1a hashes: a collision only adds a candidate, never loses one.
enum BlockingKey: UInt8, CaseIterable {
    case givenYear = 1, dateSex, swappedDateSex, initialsYearProvince

    /// Appends the keys of one person. `given` and `family` are folded words;
    /// `sex` 0 means unknown (both sexes are keyed for date keys then).
    static func append(
        to keys: inout [UInt64], given: [UInt8], family: [UInt8], packedDOB: Int32, sex: UInt8, province: UInt16,
        nameOnly: Bool = false
    ) {
        guard packedDOB != 0 else { return }
        let year = UInt64(packedDOB / 10_000)
        if !given.isEmpty { keys.append(givenYear(given: given, year: year)) }
        if !given.isEmpty, !family.isEmpty, province != 0 {
            var h = start(.initialsYearProvince)
            mix(&h, UInt64(family[0]) << 8 | UInt64(given[0]))
            mix(&h, year)
            mix(&h, UInt64(province))
            keys.append(h)
        }
        let monthDay = Int(packedDOB % 10_000)
        guard !nameOnly, monthDay != 0 else { return }
        let month = UInt64(monthDay / 100), day = UInt64(monthDay % 100)
        for s in sex == 0 ? [UInt8(1), 2] : [sex] {
            var exact = start(.dateSex)
            mix(&exact, UInt64(packedDOB))
            mix(&exact, UInt64(s))
            keys.append(exact)
            var swapped = start(.swappedDateSex)
            mix(&swapped, year << 16 | min(day, month) << 8 | max(day, month))
            mix(&swapped, UInt64(s))
            keys.append(swapped)
        }
    }

    /// The `givenYear` key of a folded given name (its last word) and a birth year.
    static func givenYear(given: [UInt8], year: UInt64) -> UInt64 {
        var h = start(.givenYear)
        mix(&h, given)
        mix(&h, year)
        return h
    }

    private static func start(_ kind: BlockingKey) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        mixByte(&h, kind.rawValue)
        return h
    }

    @inline(__always)
    private static func mixByte(_ h: inout UInt64, _ byte: UInt8) {
        h ^= UInt64(byte)
        h = h &* 0x0000_0100_0000_01B3
    }

    private static func mix(_ h: inout UInt64, _ bytes: [UInt8]) {
        for byte in bytes { mixByte(&h, byte) }
        mixByte(&h, 0xFF)
    }

    private static func mix(_ h: inout UInt64, _ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            mixByte(&h, UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }
}
