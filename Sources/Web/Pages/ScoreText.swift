/// Stored values as teachers write them: a decimal comma in Vietnamese ("7,5"), and Đ / CĐ for a
/// subject assessed by comment, which is also what the score boxes accept.
enum ScoreText {
    static func display(_ value: String, _ language: Language) -> String {
        switch value {
        case "dat": "Đ"
        case "chua_dat": "CĐ"
        default: language == .vi ? value.replacingOccurrences(of: ".", with: ",") : value
        }
    }
}
