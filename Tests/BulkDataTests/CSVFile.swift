import Foundation
import Platform
import Testing

/// A CSV file read whole, for checking small generated datasets.
struct CSVFile {
    let header: [String]
    let rows: [[String]]
    let startsWithByteOrderMark: Bool

    init(path: String) throws {
        var records: [[String]] = []
        var problems: [String] = []
        try CSVReader(path: path).forEachRecord({ record in
            records.append((0..<record.count).map { record.text($0) })
        }, malformed: { line, column, message in problems.append("\(path):\(line):\(column): \(message)") })
        #expect(problems.isEmpty, "\(problems)")
        header = records.first ?? []
        rows = Array(records.dropFirst())
        startsWithByteOrderMark = try Array(Data(contentsOf: URL(fileURLWithPath: path)).prefix(3)) == CSVEncoding.byteOrderMark
    }

    /// Each row as column key → cell, by the format's column order.
    func keyed(_ keys: [String]) -> [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(keys, $0)) }
    }
}

/// A fresh directory under the system's temporary one, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init(_ label: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-bulk-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
