/// Sex as encoded in the century/sex digit `G` of a personal ID (DOMAIN.md §1.4:
/// `sex = G mod 2`, 0 = male).
public enum Sex: String, Sendable, Codable, CaseIterable {
    case male
    case female

    /// Vietnamese label as printed on school records ("Nam" / "Nữ").
    public var labelVI: String {
        switch self {
        case .male: "Nam"
        case .female: "Nữ"
        }
    }
}
