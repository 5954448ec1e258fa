/// `vnp_Amount` carries VND × 100 (the gateway's two implied decimal places; VND has no minor unit).
public enum VNPayAmount {
    /// The largest amount the field holds: `Numeric[1,12]`, i.e. 9,999,999,999.99 VND as sent.
    public static let maximumVND = 9_999_999_999

    public static func encode(vnd: Int) -> String {
        String(vnd * 100)
    }

    /// The whole-VND amount of a `vnp_Amount` value; nil unless it is 1–12 digits and a whole number
    /// of đồng, since a fraction of a đồng cannot have been charged.
    public static func decode(_ text: String) -> Int? {
        guard (1...12).contains(text.utf8.count), text.utf8.allSatisfy({ (48...57).contains($0) }),
              let minor = Int(text), minor % 100 == 0 else { return nil }
        return minor / 100
    }
}
