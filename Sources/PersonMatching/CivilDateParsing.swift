import Foundation

extension CivilDate {
    /// Parses the forms schools and the registry use: `dd/mm/yyyy` (also `-` or `.`
    /// separated, as on Vietnamese documents), ISO `yyyy-mm-dd`, and a bare `yyyy`.
    /// Day-first is the Vietnamese convention; a US-locale swap is detected later by
    /// comparison, never guessed here. Returns nil for anything else.
    public static func parse(_ text: String) -> CivilDate? {
        // Foundation's trimming bridges to NSString; a date that starts and ends with a digit, as
        // nearly all do, needs none (a registry load parses millions).
        let isDigit = { (byte: UInt8?) in byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        let trimmed = isDigit(text.utf8.first) && isDigit(text.utf8.last) ? text : text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        var parts: [Int] = []
        var widths: [Int] = []
        var current = 0, width = 0
        for byte in trimmed.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                current = current * 10 + Int(byte - 0x30)
                width += 1
                guard width <= 4 else { return nil }
            } else if byte == 0x2F || byte == 0x2D || byte == 0x2E {
                guard width > 0 else { return nil }
                parts.append(current); widths.append(width)
                current = 0; width = 0
            } else {
                return nil
            }
        }
        guard width > 0 else { return nil }
        parts.append(current); widths.append(width)
        switch parts.count {
        case 1 where widths[0] == 4:
            return CivilDate(year: parts[0])
        case 3 where widths[0] == 4:
            return CivilDate(year: parts[0], month: parts[1], day: parts[2])
        case 3 where widths[2] == 4:
            return CivilDate(year: parts[2], month: parts[1], day: parts[0])
        default:
            return nil
        }
    }
}
