import Foundation

/// Writes the JSON of a row's API body: objects, arrays, strings and integers, members sorted.
/// Foundation's `JSONSerialization` bridges every value through `Any` and spent a quarter of an
/// import's time on it; these bodies hold only the four shapes above.
enum BodyJSON {
    static func data(_ object: [String: Any]) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        write(object, into: &bytes)
        return Data(bytes)
    }

    private static func write(_ value: Any, into bytes: inout [UInt8]) {
        switch value {
        case let text as String:
            writeString(text, into: &bytes)
        case let number as Int:
            bytes.append(contentsOf: String(number).utf8)
        case let object as [String: Any]:
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                write(object[key]!, into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        case let array as [Any]:
            bytes.append(UInt8(ascii: "["))
            for (index, item) in array.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        default:
            bytes.append(contentsOf: "null".utf8)
        }
    }

    /// A cell's value, as `write` writes its `json`.
    static func write(_ value: BodyValue, into bytes: inout [UInt8]) {
        switch value {
        case .text(let text):
            writeString(text, into: &bytes)
        case .number(let number):
            bytes.append(contentsOf: String(number).utf8)
        case .list(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(item, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }

    /// RFC 8259 escaping: the quote, the backslash and control characters; everything else as UTF-8.
    static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // A native string's bytes are read in place, and the runs between escapes copied whole.
        if text.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, into: &bytes) }) == nil {
            appendEscaped(Array(text.utf8), into: &bytes)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped<Bytes: RandomAccessCollection<UInt8>>(_ text: Bytes, into bytes: inout [UInt8]) where Bytes.Index == Int {
        var plainStart = text.startIndex
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: text[plainStart..<index])
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            default: bytes.append(contentsOf: Array(String(format: "\\u%04x", byte).utf8))
            }
            plainStart = index + 1
        }
        bytes.append(contentsOf: text[plainStart...])
    }
}
