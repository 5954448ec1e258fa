import VietnameseText

/// A closed list of values: each has the value the Registry API takes (`female`), the
/// Vietnamese label files show (`Nữ`), and other spellings people type (`Nu`, `F`).
public struct Vocabulary: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public let value: String
        public let label: String
        public let aliases: [String]

        public init(_ value: String, _ label: String, aliases: [String] = []) {
            self.value = value
            self.label = label
            self.aliases = aliases
        }
    }

    /// Its English name, for error reports (`sex`).
    public let name: String
    public let entries: [Entry]

    public init(_ name: String, _ entries: [Entry]) {
        self.name = name
        self.entries = entries
    }

    /// The API value a cell means: its label, API value or an alias, ignoring case, diacritics
    /// and spacing; nil when it is none of them.
    public func value(for cell: String) -> String? {
        let key = VietnameseText.fold(cell)
        guard !key.isEmpty else { return nil }
        return entries.first { entry in
            VietnameseText.fold(entry.label) == key || entry.value.lowercased() == key
                || entry.aliases.contains { VietnameseText.fold($0) == key }
        }?.value
    }

    /// The Vietnamese label of an API value.
    public func label(for value: String) -> String? {
        entries.first { $0.value == value }?.label
    }

    /// "Nam hoặc Nữ", "Cha, Mẹ hoặc Khác": the labels for a note.
    public var labelsVI: String {
        let labels = entries.map(\.label)
        guard labels.count > 1 else { return labels.first ?? "" }
        return labels.dropLast().joined(separator: ", ") + " hoặc " + labels.last!
    }
}

extension Vocabulary {
    public static let sex = Vocabulary("sex", [
        Entry("male", "Nam", aliases: ["M", "Trai"]),
        Entry("female", "Nữ", aliases: ["F", "Gái"]),
    ])

    /// School.Level.
    public static let schoolLevel = Vocabulary("level", [
        Entry("preschool", "Mầm non", aliases: ["MN"]),
        Entry("primary", "Tiểu học", aliases: ["TH"]),
        Entry("lowerSecondary", "THCS", aliases: ["Trung học cơ sở"]),
        Entry("upperSecondary", "THPT", aliases: ["Trung học phổ thông"]),
        Entry("continuing", "GDTX", aliases: ["Giáo dục thường xuyên"]),
    ])

    /// School.Ownership.
    public static let ownership = Vocabulary("ownership", [
        Entry("public", "Công lập"),
        Entry("private", "Tư thục"),
        Entry("peopleFounded", "Dân lập"),
    ])

    /// School.Status.
    public static let schoolStatus = Vocabulary("status", [
        Entry("active", "Đang hoạt động"),
        Entry("suspended", "Tạm dừng"),
        Entry("closed", "Giải thể"),
        Entry("merged", "Sáp nhập"),
    ])

    /// School.priorityArea: the admission priority areas (Circular 08/2022 Art. 7).
    public static let priorityArea = Vocabulary("priority area", [
        Entry("KV1", "KV1", aliases: ["Khu vực 1"]),
        Entry("KV2-NT", "KV2-NT", aliases: ["KV2NT", "Khu vực 2 nông thôn"]),
        Entry("KV2", "KV2", aliases: ["Khu vực 2"]),
        Entry("KV3", "KV3", aliases: ["Khu vực 3"]),
    ])

    /// Staff.position: the Registry keeps these four words.
    public static let position = Vocabulary("position", [
        Entry("principal", "Hiệu trưởng", aliases: ["Giám đốc"]),
        Entry("vicePrincipal", "Phó hiệu trưởng", aliases: ["Phó giám đốc"]),
        Entry("teacher", "Giáo viên"),
        Entry("staff", "Nhân viên"),
    ])

    /// Guardian.Relationship.
    public static let relationship = Vocabulary("relationship", [
        Entry("father", "Cha", aliases: ["Bố", "Ba"]),
        Entry("mother", "Mẹ", aliases: ["Má"]),
        Entry("guardian", "Người giám hộ", aliases: ["Giám hộ"]),
        Entry("grandparent", "Ông/Bà", aliases: ["Ông", "Bà"]),
        Entry("sibling", "Anh/Chị", aliases: ["Anh", "Chị"]),
        Entry("other", "Khác"),
    ])

    /// SchoolClass.grades: the preschool groups by age, then grades 1–12.
    public static let grade = Vocabulary("grade", [
        Entry("nursery", "Nhà trẻ"),
        Entry("kindergarten-3", "Mẫu giáo 3-4 tuổi", aliases: ["Mầm", "Mẫu giáo bé"]),
        Entry("kindergarten-4", "Mẫu giáo 4-5 tuổi", aliases: ["Chồi", "Mẫu giáo nhỡ"]),
        Entry("kindergarten-5", "Mẫu giáo 5-6 tuổi", aliases: ["Lá", "Mẫu giáo lớn"]),
    ] + (1...12).map { Entry(String($0), String($0), aliases: ["Khối \($0)", "Lớp \($0)"]) })

    public static let semester = Vocabulary("semester", [
        Entry("I", "I", aliases: ["1", "HK1", "Học kỳ I"]),
        Entry("II", "II", aliases: ["2", "HK2", "Học kỳ II"]),
    ])
}
