import CitizenID

/// A person as the population registry holds them, under the registry's own field names (the NDXP
/// envelope of DOMAIN.md §1.6): the name comes split as family (`ho`), middle (`chuDem`) and given
/// (`ten`), the full name (`hoVaTen`) being those parts in that order.
public struct RegistryCitizen: Sendable, Hashable, Codable {
    /// The 12-digit personal ID (`PPP G YY NNNNNN`, DOMAIN.md §1.4).
    public let soDinhDanh: String
    public let ho: String
    /// Zero or more words; empty when the person has no middle name.
    public let chuDem: String
    public let ten: String
    /// `yyyy-mm-dd`, or `yyyy` when only the year was registered.
    public let ngayThangNamSinh: String
    public let gioiTinh: Sex
    /// The 3-digit code of the (old) province where the birth was registered: the ID's prefix.
    public let noiDangKyKhaiSinh: String

    public init(soDinhDanh: String, ho: String, chuDem: String, ten: String, ngayThangNamSinh: String, gioiTinh: Sex,
                noiDangKyKhaiSinh: String) {
        self.soDinhDanh = soDinhDanh
        self.ho = ho
        self.chuDem = chuDem
        self.ten = ten
        self.ngayThangNamSinh = ngayThangNamSinh
        self.gioiTinh = gioiTinh
        self.noiDangKyKhaiSinh = noiDangKyKhaiSinh
    }

    public var hoVaTen: String { [ho, chuDem, ten].filter { !$0.isEmpty }.joined(separator: " ") }

    public var birthYear: Int? { RegistryBirthDate(ngayThangNamSinh)?.year }

    enum CodingKeys: String, CodingKey {
        case soDinhDanh, hoVaTen, ho, chuDem, ten, ngayThangNamSinh, gioiTinh, noiDangKyKhaiSinh
    }

    /// `hoVaTen` is derived, so it is written but not read back.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        soDinhDanh = try container.decode(String.self, forKey: .soDinhDanh)
        ho = try container.decode(String.self, forKey: .ho)
        chuDem = try container.decodeIfPresent(String.self, forKey: .chuDem) ?? ""
        ten = try container.decode(String.self, forKey: .ten)
        ngayThangNamSinh = try container.decode(String.self, forKey: .ngayThangNamSinh)
        gioiTinh = try container.decode(Sex.self, forKey: .gioiTinh)
        noiDangKyKhaiSinh = try container.decode(String.self, forKey: .noiDangKyKhaiSinh)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(soDinhDanh, forKey: .soDinhDanh)
        try container.encode(hoVaTen, forKey: .hoVaTen)
        try container.encode(ho, forKey: .ho)
        try container.encode(chuDem, forKey: .chuDem)
        try container.encode(ten, forKey: .ten)
        try container.encode(ngayThangNamSinh, forKey: .ngayThangNamSinh)
        try container.encode(gioiTinh, forKey: .gioiTinh)
        try container.encode(noiDangKyKhaiSinh, forKey: .noiDangKyKhaiSinh)
    }
}
