/// Which number formats show a number as a date or time.
///
/// A date in a workbook is only a number with a date format, so the reader must know the
/// formats: the built-in ones by ID, custom ones by their format code.
enum NumberFormat {
    /// Built-in date and time formats (ECMA-376 Part 1, §18.8.30): 14–22 and 45–47
    /// everywhere, and 27–36 and 50–58, which Excel reserves for East Asian date formats.
    static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id)
    }

    /// Whether a custom format code shows a date or time: it has a d, m, y, h or s
    /// outside quoted text, escaped characters and bracketed sections — except the
    /// elapsed-time brackets `[h]`, `[mm]`, `[ss]`, which are times. Only the first
    /// section counts (the one for positive numbers).
    static func isDate(code: String) -> Bool {
        var inQuotes = false
        var inBrackets = false
        var bracket = ""
        var escaped = false
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            if inQuotes {
                if character == "\"" { inQuotes = false }
                continue
            }
            if inBrackets {
                if character == "]" {
                    inBrackets = false
                    let lowered = bracket.lowercased()
                    if !lowered.isEmpty, lowered.allSatisfy({ "hms".contains($0) }) { return true }
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "\\", "_", "*": escaped = true  // \x shows x; _x pads; *x fills
            case "[":
                inBrackets = true
                bracket = ""
            case ";": return false
            case "d", "D", "m", "M", "y", "Y", "h", "H", "s", "S": return true
            default: continue
            }
        }
        return false
    }
}
