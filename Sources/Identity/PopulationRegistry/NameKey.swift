import VietnameseText

/// The search keys of a name (DOMAIN.md §2): the folded full name, and its last word (the given
/// name as the registry splits names), which with the birth year picks the index bucket.
enum NameKey {
    static func folded(_ name: String) -> String { VietnameseText.fold(name) }

    /// The last word of a folded name.
    static func lastWord(ofFolded folded: String) -> Substring {
        guard let space = folded.lastIndex(of: " ") else { return folded[...] }
        return folded[folded.index(after: space)...]
    }
}

/// Checks on digit strings without a parse.
enum RegistryDigits {
    static func isDigits(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A 12-digit ID as a number (it fits in 40 bits), or nil when it is not 12 ASCII digits.
    static func citizenNumber(_ text: String) -> UInt64? {
        var copy = text
        return copy.withUTF8 { citizenNumber(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func citizenNumber(bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard bytes.count == 12 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
        }
        return value
    }

    /// The number back as 12 digits, leading zeros kept.
    static func citizenText(_ number: UInt64) -> String {
        let text = String(number)
        return text.count >= 12 ? text : String(repeating: "0", count: 12 - text.count) + text
    }
}
