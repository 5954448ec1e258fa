import CitizenID

/// A search for people by name and birth year, for a learner or staff member with no usable ID
/// (DOMAIN.md §1.6: `no_id` → `candidate_found`). The name is compared on its folded key, so
/// diacritics, case, spacing and old/new tone placement do not matter; word order does.
public struct CitizenQuery: Sendable, Hashable {
    public var hoVaTen: String
    public var namSinh: Int
    public var gioiTinh: Sex?
    /// A 3-digit birth-registration province code.
    public var noiDangKyKhaiSinh: String?

    public init(hoVaTen: String, namSinh: Int, gioiTinh: Sex? = nil, noiDangKyKhaiSinh: String? = nil) {
        self.hoVaTen = hoVaTen
        self.namSinh = namSinh
        self.gioiTinh = gioiTinh
        self.noiDangKyKhaiSinh = noiDangKyKhaiSinh
    }

    /// Why the registry would refuse the query, or nil when it is well formed.
    public var problem: String? {
        if NameKey.folded(hoVaTen).isEmpty { return "hoVaTen is empty" }
        if !(1800...2999).contains(namSinh) { return "namSinh \(namSinh) is not a 4-digit year" }
        if let code = noiDangKyKhaiSinh, !RegistryDigits.isDigits(code, count: 3) {
            return "noiDangKyKhaiSinh '\(code)' is not a 3-digit province code"
        }
        return nil
    }
}
