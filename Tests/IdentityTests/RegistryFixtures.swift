import CitizenID
@testable import Identity

/// A small registry with the cases the protocol must get right: seven namesakes born the same year
/// (pages), a woman with the same given name and year (the full name and sex filters), a namesake
/// whose birth was registered elsewhere (the province filter), a year-only date of birth, and a
/// minority name.
enum RegistryFixtures {
    static let namesakes: [RegistryCitizen] = (1...7).map { number in
        RegistryCitizen(soDinhDanh: "00121000010\(number)", ho: "Nguyễn", chuDem: "Văn", ten: "An",
                        ngayThangNamSinh: "2010-0\(number)-1\(number)", gioiTinh: .male, noiDangKyKhaiSinh: "001")
    }
    static let namesakeElsewhere = RegistryCitizen(soDinhDanh: "079210000108", ho: "Nguyễn", chuDem: "Văn", ten: "An",
                                                   ngayThangNamSinh: "2010-08-18", gioiTinh: .male, noiDangKyKhaiSinh: "079")
    static let womanAn = RegistryCitizen(soDinhDanh: "001310000501", ho: "Nguyễn", chuDem: "Thị", ten: "An",
                                         ngayThangNamSinh: "2010-05-05", gioiTinh: .female, noiDangKyKhaiSinh: "001")
    static let binh = RegistryCitizen(soDinhDanh: "001311000201", ho: "Trần", chuDem: "Thị", ten: "Bình",
                                      ngayThangNamSinh: "2011-03-04", gioiTinh: .female, noiDangKyKhaiSinh: "001")
    static let nam = RegistryCitizen(soDinhDanh: "037209000301", ho: "Lê", chuDem: "Hoàng", ten: "Nam",
                                     ngayThangNamSinh: "2009", gioiTinh: .male, noiDangKyKhaiSinh: "037")
    static let pao = RegistryCitizen(soDinhDanh: "010212000401", ho: "Giàng", chuDem: "A", ten: "Páo",
                                     ngayThangNamSinh: "2012-12-01", gioiTinh: .male, noiDangKyKhaiSinh: "010")

    static var citizens: [RegistryCitizen] { namesakes + [namesakeElsewhere, womanAn, binh, nam, pao] }

    static func index() throws -> RegistryIndex { try RegistryIndex(citizens: citizens) }

    /// A valid ID nobody in the fixture has.
    static let unknownID = "001210999999"
}
