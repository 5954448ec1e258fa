import PersonMatching
import SplitMix

/// Vietnamese names weighted roughly as in reality (DOMAIN.md §2: Nguyễn 38%, Trần
/// 11%, Lê 9.5%; Văn and Thị dominate middle names), for generated test populations.
enum SyntheticNames {
    static let families: [(String, Double)] = [
        ("Nguyễn", 38.4), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 3.0), ("Huỳnh", 2.1),
        ("Phan", 4.5), ("Vũ", 2.2), ("Võ", 1.7), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3),
        ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.6), ("Trương", 0.6), ("Lâm", 0.4),
        ("Mai", 0.4), ("Đoàn", 0.4), ("Cao", 0.3), ("Lương", 0.3), ("Tạ", 0.2), ("Tôn Nữ", 0.05),
    ]
    static let maleMiddles: [(String, Double)] = [
        ("Văn", 40), ("Minh", 10), ("Đức", 8), ("Quốc", 6), ("Hữu", 6), ("Thành", 5), ("Công", 5),
        ("Gia", 5), ("Anh", 4), ("Hoàng", 4), ("", 3), ("Xuân", 2), ("Đình", 2),
    ]
    static let femaleMiddles: [(String, Double)] = [
        ("Thị", 45), ("Ngọc", 10), ("Thu", 6), ("Thanh", 6), ("Bảo", 5), ("Khánh", 4), ("Minh", 4),
        ("Phương", 4), ("Thùy", 3), ("Thị Thu", 3), ("Thị Ngọc", 3), ("", 3), ("Hoài", 2),
    ]
    static let maleGivens: [(String, Double)] = [
        ("Anh", 9), ("Minh", 8), ("Huy", 7), ("Khang", 5), ("Bảo", 5), ("Phúc", 5), ("Nam", 5), ("Duy", 4),
        ("Đức", 4), ("Long", 4), ("Quân", 4), ("Tuấn", 4), ("Dũng", 3), ("Hùng", 3), ("Khoa", 3),
        ("Thắng", 2), ("Trung", 2), ("Hiếu", 2), ("Vinh", 2), ("Sơn", 2), ("Tài", 2), ("Kiên", 1.5),
        ("Nghĩa", 1), ("Quý", 1), ("Triết", 0.3), ("Khôi", 1), ("Thịnh", 1), ("Lộc", 1), ("Toàn", 1),
        ("Hưng", 1), ("Đạt", 2), ("Phong", 1), ("Cường", 1), ("Thuận", 0.5), ("Vỹ", 0.2),
    ]
    static let femaleGivens: [(String, Double)] = [
        ("Anh", 8), ("Linh", 7), ("Ngọc", 5), ("Trang", 5), ("Hương", 4), ("Thảo", 4), ("Hà", 4),
        ("Mai", 4), ("Lan", 3), ("Hằng", 3), ("Nhung", 2), ("Vy", 3), ("Châu", 2), ("Yến", 2),
        ("Trâm", 2), ("Giang", 2), ("Thủy", 2), ("Huyền", 3), ("Quỳnh", 2), ("Khuê", 0.3), ("Nga", 2),
        ("Nhi", 3), ("Hân", 2), ("Như", 2), ("Uyên", 1.5), ("Diệp", 0.5), ("Xuân", 1), ("Tuyết", 1),
        ("Loan", 1), ("Phượng", 1), ("Duyên", 1), ("Thư", 2), ("Hiền", 1.5), ("Nguyệt", 0.4),
    ]

    static func pick(_ table: [(String, Double)], using rng: inout SplitMix64) -> String {
        let total = table.reduce(0) { $0 + $1.1 }
        var draw = Double.random(in: 0..<total, using: &rng)
        for (value, weight) in table {
            draw -= weight
            if draw < 0 { return value }
        }
        return table[table.count - 1].0
    }
}
