/// Column letters as Excel shows them: A…Z, AA…AZ, …, XFD.
public enum SpreadsheetColumn {
    /// 16,384 columns, A to XFD.
    public static let maximumCount = 16_384

    /// The letters of the 0-based `index` (0 → `A`, 27 → `AB`).
    public static func name(_ index: Int) -> String {
        precondition(index >= 0, "a column index is not negative")
        var letters: [UInt8] = []
        var n = index + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// The 0-based index of column letters (`AB` → 27), in either case; nil if not letters
    /// or past XFD.
    public static func index(_ name: some StringProtocol) -> Int? {
        index(ofLetters: Array(name.utf8)[...])
    }

    /// The 0-based index of the letters in `bytes`.
    static func index(ofLetters bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 3 else { return nil }
        var value = 0
        for b in bytes {
            let upper = b & ~0x20  // ASCII lower case to upper case
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { return nil }
            value = value * 26 + Int(upper - UInt8(ascii: "A")) + 1
        }
        return value <= maximumCount ? value - 1 : nil
    }

    /// Splits an A1-style reference (`AB12`, also `$AB$12`) into a 0-based column and a
    /// 1-based row; the row part may be absent (`AB`).
    static func parseReference(_ bytes: ArraySlice<UInt8>) -> (column: Int, row: Int?)? {
        var letters = bytes.startIndex
        if letters < bytes.endIndex, bytes[letters] == UInt8(ascii: "$") { letters += 1 }
        var digits = letters
        while digits < bytes.endIndex, bytes[digits] & ~0x20 >= UInt8(ascii: "A"), bytes[digits] & ~0x20 <= UInt8(ascii: "Z") {
            digits += 1
        }
        guard let column = index(ofLetters: bytes[letters..<digits]) else { return nil }
        if digits < bytes.endIndex, bytes[digits] == UInt8(ascii: "$") { digits += 1 }
        guard digits < bytes.endIndex else { return (column, nil) }
        guard let row = parseInteger(bytes[digits...]), row >= 1 else { return nil }
        return (column, row)
    }
}

/// A non-negative decimal integer of at most 18 digits, from ASCII bytes.
func parseInteger(_ bytes: ArraySlice<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
    var value = 0
    for b in bytes {
        guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(b - UInt8(ascii: "0"))
    }
    return value
}
