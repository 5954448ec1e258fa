/// Raw DEFLATE (RFC 1951) in one call, for data that fits in memory. For large data use
/// `InflateStream` and `DeflateStream`, which work a chunk at a time.
public enum Deflate {
    /// Compresses `bytes` to a raw DEFLATE stream (no zlib or GZIP wrapper).
    public static func deflate(_ bytes: some Collection<UInt8>) -> [UInt8] {
        // One block for the whole input: the smallest output, as before streaming existed.
        var stream = DeflateStream(blockSize: bytes.count + 1)
        var output = stream.compress(bytes)
        output += stream.finish()
        return output
    }

    /// Decompresses a raw DEFLATE stream that makes up the whole of `bytes`.
    ///
    /// - Parameter maximumOutputBytes: decompression stops with `.outputLimitExceeded` as
    ///   soon as the output would grow past this.
    /// - Throws: `.trailingData` if bytes follow the end of the stream.
    public static func inflate(
        _ bytes: some Collection<UInt8>, maximumOutputBytes: Int
    ) throws(DeflateError) -> [UInt8] {
        var stream = InflateStream(maximumOutputBytes: maximumOutputBytes)
        stream.append(bytes)
        stream.finishInput()
        let output = try stream.readToEnd()
        guard !stream.hasUnusedInput else { throw .trailingData }
        return output
    }
}

extension InflateStream {
    /// Decodes everything appended, after `finishInput()`, into one array.
    mutating func readToEnd() throws(DeflateError) -> [UInt8] {
        var output: [UInt8] = []
        while true {
            switch try next() {
            case .output(let chunk): output.append(contentsOf: chunk)
            case .finished: return output
            case .needsInput: throw .truncated  // unreachable once the input is finished
            }
        }
    }
}
