/// What makes one province's synthetic population differ from another's: its size and its
/// ethnic make-up.
///
/// Populations are the press figures for the merged provinces announced with Resolution
/// 202/2025/QH15 (sums of the 2024 estimates of the provinces merged), in millions, rounded; the
/// school-age share is lower in the two big cities. The ethnic shares are rounded from the 2019
/// census of the old provinces, weighted roughly by population. Both are approximations for
/// synthetic data only (unverified), never reference data.
struct ProvinceProfile: Sendable {
    /// Population in millions.
    let population: Double
    /// Learners per inhabitant, relative to the national rate (1.0): fewer children in cities.
    let schoolAgeFactor: Double
    /// Ethnic groups and their weights; Kinh fills what the listed groups leave.
    let ethnicities: [(String, Double)]

    static func of(_ code: String) -> ProvinceProfile {
        table[code] ?? ProvinceProfile(population: 2, schoolAgeFactor: 1, ethnicities: [("Kinh", 100)])
    }

    private static let table: [String: ProvinceProfile] = [
        "01": .init(population: 8.7, schoolAgeFactor: 0.95, ethnicities: [("Kinh", 98.5), ("Mường", 1), ("Tày", 0.5)]),
        "04": .init(population: 0.57, schoolAgeFactor: 1.15, ethnicities: [("Tày", 40), ("Nùng", 31), ("H'Mông", 10), ("Dao", 10), ("Kinh", 6), ("Sán Chay", 3)]),
        "08": .init(population: 1.87, schoolAgeFactor: 1.2, ethnicities: [("H'Mông", 25), ("Tày", 25), ("Kinh", 24), ("Dao", 13), ("Nùng", 6), ("Sán Chay", 4), ("Giáy", 3)]),
        "11": .init(population: 0.64, schoolAgeFactor: 1.25, ethnicities: [("Thái", 38), ("H'Mông", 35), ("Kinh", 18), ("Khơ Mú", 4), ("Dao", 3), ("Hà Nhì", 2)]),
        "12": .init(population: 0.48, schoolAgeFactor: 1.25, ethnicities: [("H'Mông", 40), ("Thái", 32), ("Dao", 14), ("Kinh", 12), ("Hà Nhì", 2)]),
        "14": .init(population: 1.3, schoolAgeFactor: 1.2, ethnicities: [("Thái", 54), ("Kinh", 17), ("H'Mông", 16), ("Mường", 8), ("Dao", 3), ("Khơ Mú", 2)]),
        "15": .init(population: 1.78, schoolAgeFactor: 1.15, ethnicities: [("Kinh", 45), ("H'Mông", 17), ("Tày", 14), ("Dao", 12), ("Thái", 5), ("Giáy", 3), ("Nùng", 4)]),
        "19": .init(population: 1.8, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 70), ("Tày", 15), ("Nùng", 6), ("Dao", 4), ("H'Mông", 2), ("Sán Chay", 3)]),
        "20": .init(population: 0.8, schoolAgeFactor: 1.1, ethnicities: [("Nùng", 42), ("Tày", 35), ("Kinh", 17), ("Dao", 4), ("H'Mông", 2)]),
        "22": .init(population: 1.38, schoolAgeFactor: 0.95, ethnicities: [("Kinh", 88), ("Dao", 5), ("Tày", 4), ("Sán Dìu", 2), ("Sán Chay", 1)]),
        "24": .init(population: 3.62, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 93), ("Nùng", 3), ("Tày", 2), ("Sán Chay", 1), ("Sán Dìu", 1)]),
        "25": .init(population: 4.02, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 78), ("Mường", 18), ("Dao", 2), ("Thái", 1), ("Tày", 1)]),
        "31": .init(population: 4.66, schoolAgeFactor: 0.95, ethnicities: [("Kinh", 100)]),
        "33": .init(population: 3.57, schoolAgeFactor: 0.95, ethnicities: [("Kinh", 100)]),
        "37": .init(population: 4.41, schoolAgeFactor: 0.95, ethnicities: [("Kinh", 98), ("Mường", 2)]),
        "38": .init(population: 4.3, schoolAgeFactor: 1.05, ethnicities: [("Kinh", 83), ("Mường", 9), ("Thái", 6), ("H'Mông", 1), ("Dao", 1)]),
        "40": .init(population: 3.83, schoolAgeFactor: 1.1, ethnicities: [("Kinh", 86), ("Thái", 10), ("Khơ Mú", 2), ("H'Mông", 1), ("Thổ", 1)]),
        "42": .init(population: 1.62, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 100)]),
        "44": .init(population: 1.87, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 95), ("Bru-Vân Kiều", 4), ("Pa Kô", 1)]),
        "46": .init(population: 1.43, schoolAgeFactor: 0.95, ethnicities: [("Kinh", 97), ("Tà Ôi", 2), ("Cơ Tu", 1)]),
        "48": .init(population: 3.07, schoolAgeFactor: 0.95, ethnicities: [("Kinh", 96), ("Cơ Tu", 2), ("Xơ Đăng", 1), ("Giẻ Triêng", 1)]),
        "51": .init(population: 2.16, schoolAgeFactor: 1.1, ethnicities: [("Kinh", 74), ("Hrê", 9), ("Xơ Đăng", 8), ("Ba Na", 6), ("Giẻ Triêng", 3)]),
        "52": .init(population: 3.58, schoolAgeFactor: 1.1, ethnicities: [("Kinh", 67), ("Gia Rai", 20), ("Ba Na", 12), ("Tày", 1)]),
        "56": .init(population: 2.24, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 92), ("Chăm", 4), ("Ra Glai", 4)]),
        "66": .init(population: 3.35, schoolAgeFactor: 1.05, ethnicities: [("Kinh", 72), ("Ê Đê", 15), ("Nùng", 4), ("Tày", 3), ("Gia Rai", 2), ("M'Nông", 2), ("H'Mông", 2)]),
        "68": .init(population: 3.87, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 82), ("Cơ Ho", 7), ("M'Nông", 3), ("Chăm", 2), ("Mạ", 2), ("Nùng", 2), ("Tày", 2)]),
        "75": .init(population: 4.49, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 93), ("Hoa", 3), ("Tày", 1), ("Nùng", 1), ("S'Tiêng", 2)]),
        "79": .init(population: 14.0, schoolAgeFactor: 0.8, ethnicities: [("Kinh", 94), ("Hoa", 5), ("Khmer", 0.5), ("Chăm", 0.5)]),
        "80": .init(population: 3.25, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 98), ("Khmer", 1), ("Hoa", 1)]),
        "82": .init(population: 4.37, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 99), ("Hoa", 0.5), ("Khmer", 0.5)]),
        "86": .init(population: 4.26, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 88), ("Khmer", 11), ("Hoa", 1)]),
        "91": .init(population: 4.95, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 91), ("Khmer", 7), ("Hoa", 1), ("Chăm", 1)]),
        "92": .init(population: 4.2, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 85), ("Khmer", 13), ("Hoa", 2)]),
        "96": .init(population: 2.61, schoolAgeFactor: 1.0, ethnicities: [("Kinh", 96), ("Khmer", 3), ("Hoa", 1)]),
    ]
}
