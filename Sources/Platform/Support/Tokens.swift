import Crypto
import Foundation
import Synchronization

/// Secrets handed to callers (session cookies, bearer tokens, client secrets) are random and stored only
/// as SHA-256 digests, so a copy of the database does not let anyone sign in.
public enum Tokens {
    public static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Runs on every authenticated request, so it avoids Foundation's string formatting.
    public static func digest(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Time-ordered UUIDs (RFC 9562 version 7): generated where the data is created, so an offline school
/// can create records, and they index well because they grow with time.
///
/// IDs made by one process also grow within a millisecond (RFC 9562 §6.2, method 1): the 12 bits
/// after the time count up from zero, a millisecond whose count runs out borrows the next one, and a
/// clock set back keeps counting in the last ID's millisecond. So IDs sort in the order they were
/// made, however many a bulk import makes in a millisecond; the 62 random bits after the count keep
/// IDs of different processes apart.
public enum UUIDv7 {
    private struct Sequence {
        var millis: UInt64 = 0
        var counter: UInt64 = 0
    }

    private static let sequence = Mutex(Sequence())

    public static func make() -> String {
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        var generator = SystemRandomNumberGenerator()
        let random = generator.next()
        let (millis, counter) = sequence.withLock { state -> (UInt64, UInt64) in
            if now > state.millis {
                state = Sequence(millis: now, counter: 0)
            } else if state.counter < 0xFFF {
                state.counter += 1
            } else {
                state = Sequence(millis: state.millis + 1, counter: 0)
            }
            return (state.millis, state.counter)
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - UInt64(i)))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        for i in 8..<16 { bytes[i] = UInt8(truncatingIfNeeded: random >> (8 * UInt64(15 - i))) }
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return format(bytes)
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lower-case hex.
    private static func format(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 36) { out in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    out[position] = UInt8(ascii: "-")
                    position += 1
                }
                out[position] = digits.utf8Start[Int(byte >> 4)]
                out[position + 1] = digits.utf8Start[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }
}
