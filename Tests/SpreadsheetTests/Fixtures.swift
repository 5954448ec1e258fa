import Foundation

/// The XLSX files made by real tools (see Fixtures/README.md), shipped as a test resource.
enum Fixtures {
    struct Missing: Error {}

    static func path(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { throw Missing() }
        return url.appendingPathComponent(name).path
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: try path(name))))
    }
}

/// The Unicode scalars of a string: Swift's `==` treats NFC and NFD as equal, so tests
/// that a normalisation form survived compare scalars.
func scalars(_ string: String?) -> [UInt32] {
    string.map { $0.unicodeScalars.map(\.value) } ?? []
}

