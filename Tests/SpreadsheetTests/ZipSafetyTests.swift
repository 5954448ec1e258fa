import Foundation
import SplitMix
import Testing
@testable import Platform

@Suite("XLSX reading: damaged, hostile and unsupported files are refused with the part at fault")
struct ZipSafetyTests {
    static let sheetPart = "xl/worksheets/sheet1.xml"

    static func sample() throws -> [UInt8] {
        let writer = XLSXWriter()
        try writer.addSheet(
            XLSXSheet(name: "Học sinh", columns: [XLSXColumn("Họ và tên"), XLSXColumn("Điểm")]),
            rows: (1...200).map { [.text("Học sinh \($0)"), .number(Double($0 % 10), raw: "\($0 % 10)")] })
        return try writer.finish()
    }

    @Test("the zip bomb (256 MiB of spaces in 260 KB) is refused before it is inflated")
    func zipBomb() throws {
        let workbook = try XLSXWorkbook(path: Fixtures.path("zip-bomb.xlsx"))
        #expect {
            try workbook.rows()
        } throws: { error in
            guard case XLSXError.archive(.compressionRatioTooHigh(let entry, let ratio, let limit)) = error else {
                return false
            }
            return entry == Self.sheetPart && ratio > 900 && limit == 200
        }
    }

    @Test("a sheet above the size limit is refused")
    func sizeLimit() throws {
        let bytes = try Self.sample()
        let workbook = try XLSXWorkbook(bytes: bytes, limits: XLSXLimits(maximumWorksheetBytes: 1_000))
        #expect {
            try workbook.rows()
        } throws: { error in
            if case XLSXError.archive(.entryTooLarge(Self.sheetPart, _, 1_000)) = error { true } else { false }
        }
    }

    @Test("an entry that inflates past its declared size stops there")
    func lyingSize() throws {
        var bytes = try Self.sample()
        let central = try #require(ArchiveBuilder.centralRecordOffset(of: Self.sheetPart, in: bytes))
        ArchiveBuilder.patch32(&bytes, at: central + 24, 1_000)
        var rows = try XLSXWorkbook(bytes: bytes).rows()
        #expect(throws: XLSXError.archive(.sizeMismatch(entry: Self.sheetPart, declared: 1_000))) {
            while try rows.next() != nil {}
        }
    }

    @Test("a wrong CRC-32 is found at the end of the sheet, after its rows were read")
    func badChecksum() throws {
        var bytes = try Self.sample()
        let central = try #require(ArchiveBuilder.centralRecordOffset(of: Self.sheetPart, in: bytes))
        bytes[central + 16] ^= 0x01
        var rows = try XLSXWorkbook(bytes: bytes).rows()
        var count = 0
        #expect(throws: XLSXError.archive(.checksumMismatch(entry: Self.sheetPart))) {
            while try rows.next() != nil { count += 1 }
        }
        #expect(count == 201, "every row was read before the check at the end")
    }

    @Test("corrupted compressed data is reported against its entry")
    func corruptData() throws {
        let good = try Self.sample()
        let archive = try ZipArchive(source: MemoryByteSource(bytes: good))
        let entry = try #require(archive.entry(named: Self.sheetPart))
        var failures = 0
        for delta in stride(from: 40, to: entry.compressedSize - 10, by: 97) {
            var bytes = good
            bytes[entry.localHeaderOffset + 30 + Self.sheetPart.utf8.count + delta] ^= 0x5A
            do {
                _ = try XLSXWorkbook(bytes: bytes).allRows()
                Issue.record("corruption at \(delta) went unnoticed")
            } catch {
                switch error {
                case .archive(.corruptData(let name, _)), .archive(.checksumMismatch(let name)),
                     .archive(.sizeMismatch(let name, _)):
                    #expect(name == Self.sheetPart)
                case .malformedXML(let part, _, _), .invalidPart(let part, _):
                    #expect(part == Self.sheetPart)
                case .invalidCell:
                    break
                default:
                    Issue.record("unexpected error \(error)")
                }
                failures += 1
            }
        }
        #expect(failures > 5)
    }

    @Test("a truncated file, an empty file and a file that is no ZIP are told apart")
    func truncatedAndForeign() throws {
        let bytes = try Self.sample()
        #expect(throws: XLSXError.archive(.truncated(entry: nil))) {
            try XLSXWorkbook(bytes: Array(bytes.prefix(bytes.count / 2)))
        }
        #expect(throws: XLSXError.archive(.truncated(entry: nil))) {
            try XLSXWorkbook(bytes: Array(bytes.dropLast(5)))
        }
        #expect(throws: XLSXError.archive(.notAZipArchive)) { try XLSXWorkbook(bytes: []) }
        #expect(throws: XLSXError.archive(.notAZipArchive)) {
            try XLSXWorkbook(bytes: Array("STT,Họ và tên\n1,An\n".utf8) + [UInt8](repeating: 0x20, count: 40))
        }
        #expect {
            try XLSXWorkbook(path: "/nonexistent/x.xlsx")
        } throws: { error in
            if case XLSXError.archive(.readFailed(path: "/nonexistent/x.xlsx", _)) = error { true } else { false }
        }
    }

    @Test("an old .xls (or a password-protected .xlsx) is recognised")
    func compoundDocument() {
        let header: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        #expect(throws: XLSXError.legacyOrEncryptedWorkbook) { try XLSXWorkbook(bytes: header) }
    }

    @Test("ZIP64, encrypted entries and other methods are refused clearly")
    func unsupportedFeatures() throws {
        let good = try Self.sample()
        let end = good.count - 22

        var zip64 = good
        zip64[end + 10] = 0xFF
        zip64[end + 11] = 0xFF
        #expect(throws: XLSXError.archive(.zip64NotSupported)) { try XLSXWorkbook(bytes: zip64) }

        let central = try #require(ArchiveBuilder.centralRecordOffset(of: Self.sheetPart, in: good))
        var encrypted = good
        encrypted[central + 8] |= 0x01
        let encryptedBook = try XLSXWorkbook(bytes: encrypted)
        #expect(throws: XLSXError.archive(.encryptedEntry(Self.sheetPart))) { try encryptedBook.rows() }

        var bzip2 = good
        bzip2[central + 10] = 12
        let bzip2Book = try XLSXWorkbook(bytes: bzip2)
        #expect(throws: XLSXError.archive(.unsupportedCompressionMethod(entry: Self.sheetPart, method: 12))) {
            try bzip2Book.rows()
        }
    }

    @Test("random damage anywhere never crashes the reader")
    func fuzz() throws {
        let good = try Self.sample()
        var generator = SplitMix64(seed: 0x584C_5358)
        for _ in 0..<300 {
            var bytes = good
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            }
            _ = try? XLSXWorkbook(bytes: bytes).allRows()
        }
    }
}
