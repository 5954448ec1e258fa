/// Plain Unicode Vietnamese names and phrases used across the tests (NFC).
enum NameSamples {
    static let families = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
        "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai", "Tô", "Tạ", "Quách",
        "Lục", "Kiều", "Châu", "Thái", "Cao", "Lương", "Hà", "Đoàn", "Vương", "Trịnh", "Chu",
        "Tăng", "La", "Khúc", "Ưng",
    ]
    static let middles = [
        "Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Thu", "Hoài",
        "Bảo", "Gia", "Khánh", "Phương", "Tuấn", "Mỹ", "Thùy", "Diệu", "Kim", "Anh", "Hồng",
        "Nhật", "Trọng", "Công", "Đình", "Thế", "Quang", "Như", "Tường", "Thị Ngọc", "Văn Minh",
    ]
    static let givens = [
        "An", "Anh", "Ánh", "Bình", "Châu", "Chi", "Cường", "Dũng", "Duy", "Dương", "Đạt",
        "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hoà", "Hùng", "Hương", "Huy",
        "Khang", "Khoa", "Khánh", "Linh", "Long", "Lộc", "Mai", "Minh", "My", "Nam", "Nga",
        "Ngân", "Nghĩa", "Ngọc", "Nhi", "Nhung", "Oanh", "Phong", "Phúc", "Phương", "Quân",
        "Quyên", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thịnh", "Thủy", "Thuỷ", "Thư",
        "Trang", "Trinh", "Trung", "Tú", "Tuấn", "Uyên", "Việt", "Vy", "Xuân", "Yến", "Ý",
        "Khuê", "Nguyệt", "Huyền", "Tuyết", "Loan", "Khuyến", "Quyết", "Thoại", "Toàn",
        "Xoan", "Hoè", "Gấm", "Hường", "Hưởng", "Mừng", "Ước", "Giữa", "Khỏe", "Ổn",
    ]

    /// 240 Kinh names: every family, middle and given word occurs.
    static let kinhNames: [String] = (0..<240).map { i in
        "\(families[i % families.count]) \(middles[(i * 7) % middles.count]) \(givens[(i * 13) % givens.count])"
    }

    /// Minority names (DOMAIN.md §2) that break the usual patterns.
    static let minorityNames = [
        "Giàng A Páo", "Thạch Thị Sa Vân", "Ksor H'Hen", "H'Hen Niê", "Y Moan Êban",
        "Lò Văn Mười", "Sùng Thị Mỷ", "Hờ A Dơ", "Kơ Pa Bi", "Rơ Mah Hiên", "Điểu K'Lưm",
        "Nay Y Blin", "Siu Đen", "Lầu Thị Mai", "Vàng A Dình", "Danh Sóc Kha",
    ]

    /// Names written only with Latin-1 letters, the ones a legacy decoder could touch.
    static let latin1Names = [
        "Hà Tú Anh", "Tô Hà Mi", "Lò Vì Mó", "Võ Tú", "Hồ Lê", "Lê Mai Chi", "Tô Ngô Cao",
        "Mã Hà", "Lý Tú Hà", "Châu Á", "Đinh Lê Ý",
    ]

    static let phrases = [
        "Bộ Giáo dục và Đào tạo", "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc", "Trường Trung học phổ thông Chu Văn An",
        "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", "Học sinh Xuất sắc",
        "Quốc tịch: Việt Nam; Dân tộc: Kinh", "Đắk Lắk", "Bà Rịa - Vũng Tàu", "Thừa Thiên Huế",
        "Khánh Hòa", "Quảng Ngãi", "Hưng Yên", "Điện Biên", "Tuyên Quang", "Thái Nguyên",
        "Đồng Tháp", "Bạc Liêu", "Cà Mau", "Sóc Trăng",
    ]

    static var all: [String] { kinhNames + minorityNames + latin1Names + phrases }
}
