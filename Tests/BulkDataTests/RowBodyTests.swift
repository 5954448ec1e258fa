import Foundation
import SplitMix
import Testing

@testable import BulkData

/// `RowBuilder.body(cells:)` writes a one-row body straight from the cells; it must give the bytes
/// of the tree `body(_:)` builds and `BodyJSON` writes, whatever the cells hold.
@Suite("A row's API body")
struct RowBodyTests {
    static let texts = ["Nguyễn Văn An", "", "19MN0001", "a\"b", "back\\slash", "tab\there", "line\nbreak", "cr\r",
                        "\u{01}\u{1F}", "Nguye\u{302}\u{303}n", "😀", "/slash/", "2024-05-14", "H'Lan"]

    static func randomCell(_ random: inout SplitMix64) -> BodyValue? {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: nil
        case 1: .number(Int.random(in: -1_000_000...1_000_000, using: &random))
        case 2: .list((0..<Int.random(in: 0...3, using: &random)).map { _ in texts.randomElement(using: &random)! })
        default: .text((0..<Int.random(in: 1...3, using: &random)).map { _ in texts.randomElement(using: &random)! }.joined())
        }
    }

    @Test("the cells written straight give the tree's bytes", arguments: BulkKind.allCases)
    func straightBodyEqualsTheTreesBody(kind: BulkKind) throws {
        let format = kind.format
        let builder = try RowBuilder(format: format, headerCells: format.headers)
        var random = SplitMix64(seed: 2026)
        for _ in 0..<2_000 {
            let cells = format.columns.map { _ in Self.randomCell(&random) }
            var values: [String: BodyValue] = [:]
            for (column, cell) in zip(format.columns, cells) { values[column.key] = cell }
            let straight = builder.body(cells: cells)
            #expect(straight == builder.body([values]), "\(kind): \(cells)")
            #expect(try JSONSerialization.jsonObject(with: straight) is [String: Any])
        }
    }
}
