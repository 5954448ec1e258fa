import Platform

/// What one part produced: the CSV rows of each kind (encoded, without header) and the damage
/// injected into them, waiting to be appended to the files in plan order.
final class PartOutput: @unchecked Sendable {
    // Filled by one worker thread, then handed whole to the writer thread: never shared mid-way.
    var bytes: [[UInt8]]
    var rowCounts: [Int]
    var damage: [DamageRecord] = []

    init() {
        bytes = Array(repeating: [], count: BulkKind.allCases.count)
        rowCounts = Array(repeating: 0, count: BulkKind.allCases.count)
        for index in bytes.indices { bytes[index].reserveCapacity(1 << 20) }
    }

    var totalRows: Int { rowCounts.reduce(0, +) }
}

/// Appends rows to a part's output, damaging some when the dataset is dirty.
struct RowEmitter {
    let output = PartOutput()
    var damager: Damager?

    mutating func emit(_ kind: BulkKind, _ fields: [String]) {
        let slot = Self.slot[kind]!
        switch damager?.decide(kind, fields: fields) ?? .keep {
        case .keep:
            append(fields, slot: slot)
        case .duplicate:
            append(fields, slot: slot)
            output.damage.append(DamageRecord(kind: kind, localRow: output.rowCounts[slot], column: "", damage: .duplicateRow,
                                              clean: "", dirty: ""))
            append(fields, slot: slot)
        case .alter(let column, let key, let damage, let dirty):
            var damaged = fields
            damaged[column] = dirty
            output.damage.append(DamageRecord(kind: kind, localRow: output.rowCounts[slot], column: key, damage: damage,
                                              clean: fields[column], dirty: dirty))
            append(damaged, slot: slot)
        }
    }

    private func append(_ fields: [String], slot: Int) {
        CSVEncoding.appendRow(fields, to: &output.bytes[slot])
        output.rowCounts[slot] += 1
    }

    static let slot: [BulkKind: Int] = Dictionary(uniqueKeysWithValues: BulkKind.allCases.enumerated().map { ($0.element, $0.offset) })
}
