import Crypto

/// OneRoster `sourcedId`s that never change: a name-based UUID (RFC 9562 version 5, SHA-1 of a
/// fixed NEMIS namespace and the record's natural key, e.g. `user:learner:1900000001`), so every
/// export of the same record, on any server, gives it the same id, and a consumer's links survive
/// a re-export, a restore or a move to another database.
public enum SourcedID {
    /// The NEMIS OneRoster namespace, 6b1e0c52-934d-4f27-8a61-2fd30e57c419 (a random UUID chosen once;
    /// changing it changes every id). A tuple, not an array: read tens of millions of times, a static
    /// array costs a lazy-initialisation check and an exclusivity check each time.
    private static let namespace: (UInt64, UInt64) = (0x6b1e_0c52_934d_4f27, 0x8a61_2fd3_0e57_c419)

    public static func make(_ name: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(36)
        append(name, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the id of `first + second + third` as 36 ASCII bytes, without building that string: the
    /// CSV writer's path, which makes tens of millions of them (`append("enrollment:", key, suffix, to:)`).
    public static func append(_ first: String, _ second: String = "", _ third: String = "", to out: inout [UInt8]) {
        var hasher = Insecure.SHA1()
        withUnsafeBytes(of: (namespace.0.bigEndian, namespace.1.bigEndian)) { hasher.update(bufferPointer: $0) }
        func feed(_ part: String) {
            var part = part
            part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        feed(first)
        feed(second)
        feed(third)
        let digest = hasher.finalize()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { text in
            digest.withUnsafeBytes { raw in
                var at = 0
                for index in 0..<16 {
                    var byte = raw[index]
                    if index == 6 { byte = (byte & 0x0F) | 0x50 }  // version 5
                    if index == 8 { byte = (byte & 0x3F) | 0x80 }  // RFC 9562 variant
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    text[at] = hexDigit(byte >> 4)
                    text[at + 1] = hexDigit(byte & 0x0F)
                    at += 2
                }
            }
            out.append(contentsOf: text)
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
    }
}

/// The natural keys behind each kind of sourcedId, in one place so that a reference from one file
/// (a class's `courseSourcedId`) always equals the id the other file gives (courses.csv).
public enum RosterKeys {
    public static func org(code: String) -> String { SourcedID.make("org:" + code.uppercased()) }
    public static func schoolYear(_ year: String) -> String { SourcedID.make("academicSession:" + year) }
    public static func semester(_ year: String, _ semester: String) -> String { SourcedID.make("academicSession:\(year)|\(semester)") }
    public static func course(year: String, grade: String, subject: String) -> String { SourcedID.make("course:\(year)|\(grade)|\(subject)") }
    /// A homeroom class, by the Registry's class key `SCHOOL|YEAR|NAME`.
    public static func homeroomClass(_ classKey: String) -> String { SourcedID.make("class:" + classKey) }
    /// A subject class: one subject taught to one homeroom class, for the year or one semester.
    public static func subjectClass(_ classKey: String, subject: String, semester: String) -> String {
        SourcedID.make("class:\(classKey)|\(subject)|\(semester)")
    }
    public static func staff(_ staffCode: String) -> String { SourcedID.make("user:staff:" + staffCode) }
    public static func learner(_ learnerCode: String) -> String { SourcedID.make("user:learner:" + learnerCode) }
    public static func role(user: String, org: String, role: String) -> String { SourcedID.make("role:\(user)|\(org)|\(role)") }
    public static func enrollment(_ key: String) -> String { SourcedID.make("enrollment:" + key) }

    /// The course of a homeroom class: OneRoster requires every class to belong to a course.
    public static let homeroomSubject = "CHUNHIEM"
}
