import Crypto

/// `urn:uuid:` identifiers derived from names, so the same inputs always give the same id.
///
/// The UUID is version 8 (RFC 9562 §5.8, "custom") filled from SHA-256 of the name parts,
/// the construction RFC 9562 Appendix B.2 shows; version 5 would need SHA-1. Parts are
/// joined with a separator that cannot occur inside them (U+001F), so ("ab", "c") and
/// ("a", "bc") differ.
public enum NameBasedUUID {
    /// `urn:uuid:xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx` for `parts` under `domain`.
    ///
    /// - Parameter domain: what kind of thing is named (e.g. `"nemis:year-record"`), so
    ///   two kinds of object named by the same parts still get different ids.
    public static func urn(domain: String, _ parts: [String]) -> String {
        "urn:uuid:" + uuidString(domain: domain, parts)
    }

    /// The UUID text without the `urn:uuid:` prefix, lower case.
    public static func uuidString(domain: String, _ parts: [String]) -> String {
        var hasher = SHA256()
        update(&hasher, domain)
        for part in parts {
            withUnsafeBytes(of: UInt8(0x1F)) { hasher.update(bufferPointer: $0) }
            update(&hasher, part)
        }
        return hasher.finalize().withUnsafeBytes { digest in
            // 36 characters: 8-4-4-4-12 hex digits of the first 16 bytes.
            String(unsafeUninitializedCapacity: 36) { out in
                var o = 0
                for i in 0..<16 {
                    if i == 4 || i == 6 || i == 8 || i == 10 {
                        out[o] = UInt8(ascii: "-")
                        o += 1
                    }
                    var byte = digest[i]
                    if i == 6 { byte = (byte & 0x0F) | 0x80 }  // version 8
                    if i == 8 { byte = (byte & 0x3F) | 0x80 }  // RFC 9562 variant
                    out[o] = hexDigits[Int(byte >> 4)]
                    out[o + 1] = hexDigits[Int(byte & 0x0F)]
                    o += 2
                }
                return o
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func update(_ hasher: inout SHA256, _ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }) == nil {
            hasher.update(data: Array(text.utf8))
        }
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: some Collection<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var o = 0
            for byte in bytes {
                out[o] = hexDigits[Int(byte >> 4)]
                out[o + 1] = hexDigits[Int(byte & 0x0F)]
                o += 2
            }
            return o
        }
    }
}
