import Foundation
import Testing
@testable import Platform

/// The streaming CSV reader gives the same records whatever its buffer size, so records cut by a
/// buffer boundary (in a quoted field, between CR and LF, inside a doubled quote) read whole.
@Suite("CSV reader")
struct CSVReaderTests {
    static let text = "\u{FEFF}a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\n\"multi\nline\",,\"\"\n  sp ,\"\"\"\",é\r\nlast,\"q\",end"

    static func records(path: String, chunkSize: Int) throws -> (records: [[String]], lines: [Int], problems: [String]) {
        var records: [[String]] = [], lines: [Int] = [], problems: [String] = []
        try CSVReader(path: path, chunkSize: chunkSize).forEachRecord({ record in
            records.append((0 ..< record.count).map { record.text($0) })
            lines.append(record.line)
        }, malformed: { line, column, message in problems.append("\(line):\(column): \(message)") })
        return (records, lines, problems)
    }

    @Test("every buffer size reads the same records, lines and fields")
    func bufferSizes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-csv-\(UUID().uuidString).csv").path
        try Data(Self.text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = [["a", "b", "c"], ["1", "x, \"y\"", "3"], ["multi\nline", "", ""], ["  sp ", "\"", "é"], ["last", "q", "end"]]
        for chunkSize in [1, 2, 3, 5, 7, 16, 1 << 16] {
            let (records, lines, problems) = try Self.records(path: path, chunkSize: chunkSize)
            #expect(records == expected, "chunk size \(chunkSize)")
            #expect(lines == [1, 2, 4, 6, 7], "chunk size \(chunkSize)")
            #expect(problems.isEmpty)
        }
    }

    @Test("malformed records are reported with line and column and skipped, at any buffer size")
    func malformed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-csv-\(UUID().uuidString).csv").path
        try Data("a,b\n1,x\"y\n\"2\"z,3\nok,4\n5,\"open".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunkSize in [1, 4, 1 << 16] {
            let (records, lines, problems) = try Self.records(path: path, chunkSize: chunkSize)
            #expect(records == [["a", "b"], ["ok", "4"]])
            #expect(lines == [1, 4])
            #expect(problems.map { String($0.prefix(4)) } == ["2:2:", "3:1:", "5:2:"], "chunk size \(chunkSize)")
        }
    }
}
