@testable import BulkData
import CitizenID
import Foundation
import Platform
import Testing
import VietnameseText

@Suite("Dirty datasets")
struct DirtyTests {
    struct ManifestEntry: Hashable {
        let file: String
        let row: Int
        let column: String
        let damage: DamageKind
        let clean: String
        let dirty: String
    }

    @Test("a dirty dataset is the clean one with exactly the damage its manifest lists")
    func manifestMatchesDamage() throws {
        let rate = 0.2
        let (clean, _) = try SmallDataset.write(seed: 21, threads: 2)
        let (dirty, summary) = try SmallDataset.write(seed: 21, threads: 3, dirtyRate: rate)
        defer { clean.remove(); dirty.remove() }
        let manifestFile = try CSVFile(path: dirty.file(DatasetGenerator.manifestFileName))
        #expect(manifestFile.header == DatasetGenerator.manifestHeader)
        let entries = try manifestFile.rows.map { cells in
            guard let row = Int(cells[1]), let damage = DamageKind(rawValue: cells[3]) else { throw RowError("bad manifest row \(cells)") }
            return ManifestEntry(file: cells[0], row: row, column: cells[2], damage: damage, clean: cells[4], dirty: cells[5])
        }
        #expect(entries.count == summary.damagedRows)
        let byPlace = Dictionary(grouping: entries) { "\($0.file):\($0.row)" }
        #expect(byPlace.values.allSatisfy { $0.count == 1 }, "one damage per row")

        var damagedRows = 0, cleanRows = 0
        for kind in BulkKind.allCases {
            let before = try CSVFile(path: clean.file(kind.fileName))
            let after = try CSVFile(path: dirty.file(kind.fileName))
            #expect(after.header == before.header)
            cleanRows += before.rows.count
            // Walk both files together: a duplicated row has no clean counterpart.
            var cleanIndex = 0
            for (index, row) in after.rows.enumerated() {
                let rowNumber = index + 2
                let entry = byPlace["\(kind.fileName):\(rowNumber)"]?.first
                if entry?.damage == .duplicateRow {
                    #expect(row == after.rows[index - 1], "\(kind.fileName) row \(rowNumber) repeats the row above")
                    damagedRows += 1
                    continue
                }
                let original = before.rows[cleanIndex]
                cleanIndex += 1
                guard let entry else {
                    #expect(row == original, "\(kind.fileName) row \(rowNumber) changed without a manifest entry")
                    continue
                }
                damagedRows += 1
                let column = kind.format.index(of: entry.column)!
                #expect(original[column] == entry.clean && row[column] == entry.dirty, "\(kind.fileName) row \(rowNumber)")
                var restored = row
                restored[column] = entry.clean
                #expect(restored == original, "only the listed cell changed")
                check(entry, value: kind.format.columns[column].value)
            }
            #expect(cleanIndex == before.rows.count, "\(kind.fileName): every clean row is in the dirty file")
        }
        #expect(damagedRows == entries.count)
        let share = Double(damagedRows) / Double(cleanRows)
        #expect(abs(share - rate) < 0.03, "damaged share \(share)")
        let kinds = Set(entries.map(\.damage))
        #expect(kinds == Set(DamageKind.allCases), "every kind of damage occurs: missing \(Set(DamageKind.allCases).subtracting(kinds))")
    }

    /// The damage is what its name says, and can be undone where the manifest says it can.
    func check(_ entry: ManifestEntry, value: BulkValue) {
        let context = "\(entry.file) row \(entry.row) \(entry.damage.rawValue): '\(entry.dirty)'"
        switch entry.damage {
        case .citizenIDLeadingZerosLost:
            #expect(value == .citizenID)
            #expect(CitizenID.repair(entry.dirty).citizenID?.digits == entry.clean, "\(context)")
        case .citizenIDScientific:
            #expect(entry.dirty.contains("E+"))
            #expect(CitizenID.repair(entry.dirty).error == .scientificNotationLostDigits(text: entry.dirty), "\(context)")
        case .phoneLeadingZeroLost:
            #expect("0" + entry.dirty == entry.clean, "\(context)")
        case .dateExcelSerial:
            let date = BulkDate.parse(entry.clean)!
            #expect(SpreadsheetDate(serial: Double(entry.dirty)!)?.civilDate == date, "\(context)")
        case .dateDayMonthSwapped:
            let swapped = BulkDate.parse(entry.dirty)!, original = BulkDate.parse(entry.clean)!
            #expect(swapped.day == original.month && swapped.month == original.day && swapped != original, "\(context)")
        case .strayWhitespace:
            #expect(entry.dirty != entry.clean && VietnameseText.clean(entry.dirty) == entry.clean, "\(context)")
        case .textNFD:
            #expect(Array(entry.dirty.utf8) != Array(entry.clean.utf8) && VietnameseText.nfc(entry.dirty) == entry.clean, "\(context)")
        case .textTCVN3:
            #expect(LegacyVietnamese.decode(entry.dirty, from: .tcvn3) == entry.clean, "\(context)")
        case .textVNI:
            #expect(LegacyVietnamese.decode(entry.dirty, from: .vni) == entry.clean, "\(context)")
        case .duplicateRow:
            break
        }
    }

    @Test("scientific notation keeps six significant digits, as Excel shows a 12-digit number")
    func scientific() {
        #expect(DamageKind.scientific("079212004567") == "7.9212E+10")
        #expect(DamageKind.scientific("001099999951") == "1.1E+9")
        #expect(DamageKind.scientific("099999970000") == "1E+11")
    }
}
