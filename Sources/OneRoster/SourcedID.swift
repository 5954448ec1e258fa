import Crypto

/// OneRoster `sourcedId`s that never change: a name-based UUID (RFC 9562 version 5, SHA-1 of a
/// fixed NEMIS namespace and the record's natural key, e.g. `user:learner:1900000001`), so every
/// export of the same record, on any server, gives it the same id, and a consumer's links survive
/// a re-export, a restore or a move to another database.
public enum SourcedID {
    /// The NEMIS OneRoster namespace (a random UUID chosen once; changing it changes every id).
    static let namespace: [UInt8] = [0x6b, 0x1e, 0x0c, 0x52, 0x93, 0x4d, 0x4f, 0x27, 0x8a, 0x61, 0x2f, 0xd3, 0x0e, 0x57, 0xc4, 0x19]

    public static func make(_ name: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(36)
        append(name, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the id of `name` as 36 ASCII bytes: the CSV writer's path, which makes tens of
    /// millions of them and so allocates no string for each.
    /// `parts` are hashed one after the other, as if joined: `append("enrollment:", key, to:)`
    /// is `append("enrollment:" + key, to:)` without building that string.
    public static func append(_ parts: String..., to out: inout [UInt8]) {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        for var part in parts {
            part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        let digest = hasher.finalize()
        digest.withUnsafeBytes { raw in
            for index in 0..<16 {
                var byte = raw[index]
                if index == 6 { byte = (byte & 0x0F) | 0x50 }  // version 5
                if index == 8 { byte = (byte & 0x3F) | 0x80 }  // RFC 9562 variant
                if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
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
