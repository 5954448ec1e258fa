import Foundation
import HTTPTypes
import Hummingbird

/// Building JSON responses from stored documents without decoding them again.
public enum JSONResponse {
    public static func raw(_ json: String, status: HTTPResponse.Status = .ok, etag: String? = nil,
                           extraHeaders: HTTPFields = [:]) -> Response {
        raw(ByteBuffer(string: json), status: status, etag: etag, extraHeaders: extraHeaders)
    }

    /// A JSON body already in bytes (e.g. kept in a cache; the buffer is shared, not copied).
    public static func raw(_ json: ByteBuffer, status: HTTPResponse.Status = .ok, etag: String? = nil,
                           extraHeaders: HTTPFields = [:]) -> Response {
        var headers = extraHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        if let etag { headers[.eTag] = etag }
        return Response(status: status, headers: headers, body: .init(byteBuffer: json))
    }

    public static func encode<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, etag: String? = nil) throws -> Response {
        raw(try JSON.string(value), status: status, etag: etag)
    }

    /// A page of items: `{"items":[…],"nextPageToken":"…"}`, the token also in `Next-Page-Token`.
    public static func page(items: [String], nextPageToken: String?) -> Response {
        var headers = HTTPFields()
        if let token = nextPageToken { headers[.nextPageToken] = token }
        return raw(pageBody(items: items, nextPageToken: nextPageToken), extraHeaders: headers)
    }

    /// The body of a page, for a caller that keeps it.
    public static func pageBody(items: [String], nextPageToken: String? = nil) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(items.reduce(32) { $0 + $1.utf8.count + 1 })
        buffer.writeString("{\"items\":[")
        for (index, item) in items.enumerated() {
            if index > 0 { buffer.writeString(",") }
            buffer.writeString(item)
        }
        buffer.writeString("]")
        if let token = nextPageToken { buffer.writeString(",\"nextPageToken\":\"\(token)\"") }
        buffer.writeString("}")
        return buffer
    }
}

/// Opaque cursor tokens for paging. They are base64url so a client treats them as opaque.
public enum PageToken {
    public static func encode(_ cursor: String) -> String {
        Data(cursor.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ token: String) throws -> String {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw APIError.malformed(field: "pageToken", "pageToken is not one this server issued")
        }
        return text
    }

    /// `pageSize` from the query: 1–500, default 25.
    public static func pageSize(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["pageSize"] else { return 25 }
        guard let size = Int(text), (1...500).contains(size) else {
            throw APIError.malformed(field: "pageSize", "pageSize must be a whole number from 1 to 500")
        }
        return size
    }
}
