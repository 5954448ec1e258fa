import Foundation

/// Just enough of multipart/form-data (RFC 7578) for one small form: each part's name and bytes.
public enum MultipartForm {
    public static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                // RFC 2046 caps a boundary at 70 characters; a longer one would make the scan below slow.
                let boundary = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(boundary.count) ? boundary : nil
            }
        }
        return nil
    }

    public static func fields(_ body: [UInt8], boundary: String) -> [String: [UInt8]] {
        let delimiter = Array("--\(boundary)".utf8)
        var fields: [String: [UInt8]] = [:]
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        while index + delimiter.count <= body.count {
            if body[index..<index + delimiter.count].elementsEqual(delimiter) {
                if let start { parts.append(body[start..<index]) }
                index += delimiter.count
                start = index
            } else {
                index += 1
            }
        }
        for part in parts {
            // Each part: CRLF, headers, CRLF CRLF, content, CRLF (before the next delimiter).
            let bytes = Array(part)
            guard let split = find([13, 10, 13, 10], in: bytes) else { continue }
            let headers = String(decoding: bytes[..<split], as: UTF8.self)
            // `; name="…"`, not the `filename="…"` that may come first.
            guard let nameRange = headers.range(of: "; name=\"") ?? headers.range(of: ";name=\""),
                  let end = headers[nameRange.upperBound...].firstIndex(of: "\"") else { continue }
            var content = Array(bytes[(split + 4)...])
            if content.suffix(2) == [13, 10] { content.removeLast(2) }
            fields[String(headers[nameRange.upperBound..<end])] = content
        }
        return fields
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index..<index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
