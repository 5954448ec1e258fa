/// One of the 63 pre-2025 provinces whose code is the `PPP` prefix of a personal ID.
public struct Province: Sendable, Hashable, Codable {
    /// Three ASCII digits, e.g. "037".
    public let code: String
    /// Province name in NFC, e.g. "Ninh Bình".
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// The birth-registration province codes of the 12-digit personal ID
/// (Circular 07/2016/TT-BCA, replaced by 59/2021/TT-BCA; DOMAIN.md §1.4 table [A6]).
///
/// The prefix is always one of the **old 63** provinces: IDs issued before the 2025
/// merger stay valid (DOMAIN.md §1.4, [A7]), so this table is never remapped to the
/// 34 new units here; map to the new provinces only for display, elsewhere.
public enum ProvinceCodes {
    /// The 63 codes in ascending order.
    public static let provinces: [Province] = [
        Province(code: "001", name: "Hà Nội"),
        Province(code: "002", name: "Hà Giang"),
        Province(code: "004", name: "Cao Bằng"),
        Province(code: "006", name: "Bắc Kạn"),
        Province(code: "008", name: "Tuyên Quang"),
        Province(code: "010", name: "Lào Cai"),
        Province(code: "011", name: "Điện Biên"),
        Province(code: "012", name: "Lai Châu"),
        Province(code: "014", name: "Sơn La"),
        Province(code: "015", name: "Yên Bái"),
        Province(code: "017", name: "Hòa Bình"),
        Province(code: "019", name: "Thái Nguyên"),
        Province(code: "020", name: "Lạng Sơn"),
        Province(code: "022", name: "Quảng Ninh"),
        Province(code: "024", name: "Bắc Giang"),
        Province(code: "025", name: "Phú Thọ"),
        Province(code: "026", name: "Vĩnh Phúc"),
        Province(code: "027", name: "Bắc Ninh"),
        Province(code: "030", name: "Hải Dương"),
        Province(code: "031", name: "Hải Phòng"),
        Province(code: "033", name: "Hưng Yên"),
        Province(code: "034", name: "Thái Bình"),
        Province(code: "035", name: "Hà Nam"),
        Province(code: "036", name: "Nam Định"),
        Province(code: "037", name: "Ninh Bình"),
        Province(code: "038", name: "Thanh Hóa"),
        Province(code: "040", name: "Nghệ An"),
        Province(code: "042", name: "Hà Tĩnh"),
        Province(code: "044", name: "Quảng Bình"),
        Province(code: "045", name: "Quảng Trị"),
        Province(code: "046", name: "Thừa Thiên Huế"),
        Province(code: "048", name: "Đà Nẵng"),
        Province(code: "049", name: "Quảng Nam"),
        Province(code: "051", name: "Quảng Ngãi"),
        Province(code: "052", name: "Bình Định"),
        Province(code: "054", name: "Phú Yên"),
        Province(code: "056", name: "Khánh Hòa"),
        Province(code: "058", name: "Ninh Thuận"),
        Province(code: "060", name: "Bình Thuận"),
        Province(code: "062", name: "Kon Tum"),
        Province(code: "064", name: "Gia Lai"),
        Province(code: "066", name: "Đắk Lắk"),
        Province(code: "067", name: "Đắk Nông"),
        Province(code: "068", name: "Lâm Đồng"),
        Province(code: "070", name: "Bình Phước"),
        Province(code: "072", name: "Tây Ninh"),
        Province(code: "074", name: "Bình Dương"),
        Province(code: "075", name: "Đồng Nai"),
        Province(code: "077", name: "Bà Rịa - Vũng Tàu"),
        Province(code: "079", name: "Hồ Chí Minh"),
        Province(code: "080", name: "Long An"),
        Province(code: "082", name: "Tiền Giang"),
        Province(code: "083", name: "Bến Tre"),
        Province(code: "084", name: "Trà Vinh"),
        Province(code: "086", name: "Vĩnh Long"),
        Province(code: "087", name: "Đồng Tháp"),
        Province(code: "089", name: "An Giang"),
        Province(code: "091", name: "Kiên Giang"),
        Province(code: "092", name: "Cần Thơ"),
        Province(code: "093", name: "Hậu Giang"),
        Province(code: "094", name: "Sóc Trăng"),
        Province(code: "095", name: "Bạc Liêu"),
        Province(code: "096", name: "Cà Mau"),
    ]

    /// Codes inside 001–096 that no province uses (DOMAIN.md §1.4). A prefix here is
    /// most likely a typo in digits 1–3.
    public static let unusedCodes: [String] = [
        "003", "005", "007", "009", "013", "016", "018", "021", "023", "028", "029",
        "032", "039", "041", "043", "047", "050", "053", "055", "057", "059", "061",
        "063", "065", "069", "071", "073", "076", "078", "081", "085", "088", "090",
    ]

    /// Code → name lookup for the 63 provinces.
    public static let nameByCode: [String: String] = Dictionary(
        uniqueKeysWithValues: provinces.map { ($0.code, $0.name) }
    )

    private static let unusedSet: Set<String> = Set(unusedCodes)

    /// The province name for a 3-digit code, or nil when the code is not one of the 63.
    public static func name(for code: String) -> String? {
        nameByCode[code]
    }

    /// True when `code` is in 001–096 but assigned to no province.
    public static func isUnused(_ code: String) -> Bool {
        unusedSet.contains(code)
    }
}
