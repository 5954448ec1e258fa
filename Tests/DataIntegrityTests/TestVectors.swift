import DataIntegrity
import Foundation

/// Reads the official test vectors shipped as a test resource (see Vectors/README.md).
enum TestVectors {
    static var root: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Vectors", withExtension: nil) else {
                throw MissingVectors()
            }
            return url
        }
    }

    struct MissingVectors: Error {}

    static func url(_ path: String) throws -> URL {
        try root.appendingPathComponent(path)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(path)))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONParser.parse(try bytes(path))
    }

    /// File names in a vector folder, sorted.
    static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: try url(folder).path).sorted()
    }
}

enum Hex {
    static func string(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        precondition(digits.count % 2 == 0, "odd-length hex")
        return stride(from: 0, to: digits.count, by: 2).map { i in
            UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16)!
        }
    }
}
