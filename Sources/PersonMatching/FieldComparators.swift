import CitizenID

/// Comparisons of the non-name fields. Each is total: unknown inputs give the
/// "missing"/"unknown" level, which carries no evidence.
enum FieldComparators {
    static func compareDates(_ a: CivilDate?, _ b: CivilDate?) -> DateLevel {
        guard let a, let b else { return .missing }
        guard a.year == b.year || !(a.isYearOnly || b.isYearOnly) else {
            return .different
        }
        if a.isYearOnly || b.isYearOnly {
            return a.isYearOnly && b.isYearOnly ? .exact : .sameYearOnly
        }
        if a == b { return .exact }
        if let swapped = a.swappingDayAndMonth, swapped == b { return .dayMonthSwapped }
        if let x = a.dayNumber, let y = b.dayNumber, abs(x - y) == 1 { return .offByOneDay }
        return .different
    }

    /// Same as `compareDates` on packed `yyyymmdd` integers (0 = unknown), for the index.
    static func comparePacked(_ a: Int32, _ b: Int32) -> DateLevel {
        if a == 0 || b == 0 { return .missing }
        if a == b { return .exact }
        let ya = a / 10_000, yb = b / 10_000
        let aYearOnly = a % 10_000 == 0, bYearOnly = b % 10_000 == 0
        if aYearOnly || bYearOnly { return ya == yb ? .sameYearOnly : .different }
        if ya != yb && abs(ya - yb) > 1 { return .different }
        // The candidate search calls this for every namesake of a birth year: decide the usual
        // cases on the integers, and build dates only when a month or year boundary is crossed.
        let ma = a / 100 % 100, da = a % 100, mb = b / 100 % 100, db = b % 100
        if ya == yb {
            if ma == db && da == mb { return .dayMonthSwapped }
            if ma == mb { return abs(da - db) == 1 ? .offByOneDay : .different }
        }
        if da != 1 && db != 1 { return .different }
        return compareDates(CivilDate(packed: a), CivilDate(packed: b))
    }

    static func compareSex(_ a: Sex?, _ b: Sex?) -> SexLevel {
        guard let a, let b else { return .unknown }
        return a == b ? .same : .different
    }

    static func compareProvince(_ a: String?, _ b: String?) -> ProvinceLevel {
        guard let a = provinceNumber(a), let b = provinceNumber(b) else { return .unknown }
        return a == b ? .same : .different
    }

    /// `001`…`999` as a number; nil for empty or non-numeric codes.
    static func provinceNumber(_ code: String?) -> UInt16? {
        guard let code else { return nil }
        var value: UInt16 = 0
        var digits = 0
        for byte in code.utf8 {
            if byte == 0x20 { continue }
            guard byte >= 0x30, byte <= 0x39, digits < 3 else { return nil }
            value = value * 10 + UInt16(byte - 0x30)
            digits += 1
        }
        return digits > 0 && value > 0 ? value : nil
    }
}
