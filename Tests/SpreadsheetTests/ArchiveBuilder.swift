@testable import Platform

/// Builds small workbooks part by part, for cases no spreadsheet tool would write.
enum ArchiveBuilder {
    static func zip(_ entries: [(String, String)]) throws -> [UInt8] {
        var writer = ZipWriter(output: .memory())
        for (name, text) in entries {
            try writer.addEntry(name: name, bytes: Array(text.utf8))
        }
        return try writer.finish()
    }

    /// A one-sheet workbook around `sheetData` (the XML inside `<sheetData>`), with
    /// optional shared strings and styles.
    static func workbook(sheetData: String, sharedStrings: String? = nil, styles: String? = nil) throws -> [UInt8] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var relationships = #"<Relationship Id="rId1" Type="\#(rel)/worksheet" Target="worksheets/sheet1.xml"/>"#
        var entries = [
            ("xl/workbook.xml", #"<workbook xmlns="\#(main)" xmlns:r="\#(rel)"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/worksheets/sheet1.xml", #"<worksheet xmlns="\#(main)"><sheetData>\#(sheetData)</sheetData></worksheet>"#),
        ]
        if let sharedStrings {
            relationships += #"<Relationship Id="rId2" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/>"#
            entries.append(("xl/sharedStrings.xml", #"<sst xmlns="\#(main)">\#(sharedStrings)</sst>"#))
        }
        if let styles {
            relationships += #"<Relationship Id="rId3" Type="\#(rel)/styles" Target="/xl/styles.xml"/>"#
            entries.append(("xl/styles.xml", #"<styleSheet xmlns="\#(main)">\#(styles)</styleSheet>"#))
        }
        entries.append(("xl/_rels/workbook.xml.rels", "<Relationships>\(relationships)</Relationships>"))
        return try zip(entries)
    }

    /// The offset of the central-directory record of `name`.
    static func centralRecordOffset(of name: String, in bytes: [UInt8]) -> Int? {
        let nameBytes = Array(name.utf8)
        for offset in stride(from: bytes.count - 46, through: 0, by: -1)
        where bytes.uint32(at: offset) == 0x0201_4B50 && bytes.uint16(at: offset + 28) == nameBytes.count
            && Array(bytes[(offset + 46)..<(offset + 46 + nameBytes.count)]) == nameBytes {
            return offset
        }
        return nil
    }

    /// Overwrites a little-endian 32-bit field.
    static func patch32(_ bytes: inout [UInt8], at offset: Int, _ value: Int) {
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
    }
}
