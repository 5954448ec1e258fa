import Foundation
import Testing
@testable import Platform

/// Reads the writer's output with openpyxl, an independent implementation. Runs only
/// where Python has openpyxl (`NEMIS_PYTHON` names the interpreter, else `python3`);
/// the fixture-based tests above run everywhere.
@Suite("XLSX writing, read by openpyxl")
struct OpenpyxlCheckTests {
    static let python: String? = {
        let candidate = ProcessInfo.processInfo.environment["NEMIS_PYTHON"] ?? "python3"
        guard let result = try? run(candidate, ["-c", "import openpyxl"]), result.status == 0 else { return nil }
        return candidate
    }()

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let script = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb.worksheets[0]
        cells = {c.coordinate: [str(c.value), c.data_type, c.number_format, bool(c.font.b), bool(c.font.i)]
                 for row in ws.iter_rows() for c in row if c.value is not None}
        print(json.dumps({"sheets": wb.sheetnames, "freeze": ws.freeze_panes, "cells": cells,
                          "widthA": ws.column_dimensions["A"].width}))
        """

    struct Report: Decodable {
        let sheets: [String]
        let freeze: String?
        let cells: [String: [Value]]
        let widthA: Double

        enum Value: Decodable, Equatable {
            case text(String), flag(Bool)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let flag = try? container.decode(Bool.self) { self = .flag(flag) } else {
                    self = .text(try container.decode(String.self))
                }
            }
        }
    }

    @Test("openpyxl sees the values, types, formats, fonts, widths and frozen rows",
          .enabled(if: python != nil, "openpyxl is not installed"))
    func openpyxlReads() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nemis-\(UUID()).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try XLSXWriter(path: path)
        try writer.addSheet(XLSXSheet(name: "Học sinh", columns: XLSXWriterTests.columns), rows: XLSXWriterTests.rows)
        try writer.addSheet(XLSXSheet(name: "Lớp"), rows: [[.text("10A1")]])
        try writer.finish()

        let scriptPath = path + ".py"
        defer { try? FileManager.default.removeItem(atPath: scriptPath) }
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let result = try Self.run(try #require(Self.python), [scriptPath, path])
        #expect(result.status == 0)
        let report = try JSONDecoder().decode(Report.self, from: Data(result.output.utf8))
        #expect(report.sheets == ["Học sinh", "Lớp"])
        #expect(report.freeze == "A3")
        #expect(report.widthA == 28)
        func cell(_ reference: String) -> [Report.Value] { report.cells[reference] ?? [] }
        #expect(cell("A1") == [.text("Họ và tên"), .text("s"), .text("General"), .flag(true), .flag(false)])
        #expect(cell("B2") == [.text("12 chữ số, giữ số 0 đầu"), .text("s"), .text("General"), .flag(false), .flag(true)])
        #expect(cell("B3") == [.text("001204012345"), .text("s"), .text("@"), .flag(false), .flag(false)])
        #expect(cell("C3") == [.text("2008-05-17 00:00:00"), .text("d"), .text("dd/mm/yyyy"), .flag(false), .flag(false)])
        #expect(cell("C4") == [.text("2024-09-05 07:30:00"), .text("d"), .text("dd/mm/yyyy hh:mm:ss"), .flag(false), .flag(false)])
        #expect(cell("B4") == [.text("12345678901"), .text("n"), .text("@"), .flag(false), .flag(false)])
        #expect(cell("D5") == [.text("True"), .text("b"), .text("General"), .flag(false), .flag(false)])
        #expect(cell("E5") == [.text("#N/A"), .text("e"), .text("General"), .flag(false), .flag(false)])
        #expect(cell("E4").first == .text("  khoảng trắng  "))
        // openpyxl keeps OOXML's _xHHHH_ escapes as written (Excel and LibreOffice decode
        // them); a carriage return, written as &#13;, reaches it intact.
        #expect(cell("A6").first
            == .text("A & B <C> \"D\" 'E'\nhai dòng\r\nCR LF, tab\tvà _x005F_x0041_ và _x0001_ điều khiển"))
    }
}
