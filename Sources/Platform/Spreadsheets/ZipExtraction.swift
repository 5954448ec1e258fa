import Foundation

/// Unpacks the CSV files of a ZIP archive into a folder, a chunk at a time: how a OneRoster bulk
/// set arrives over HTTP (OneRoster 1.2 CSV binding: one ZIP of CSV files at its root).
public enum ZipExtraction {
    /// CSV compresses well, but not past this: a higher ratio is a bomb, not a roster.
    static let limits = ZipReadLimits(maximumUncompressedBytes: Int(UInt32.max), maximumCompressionRatio: 200, ratioThreshold: 1 << 20)

    /// Writes each `.csv` entry of the archive at `zipPath` to `directory` under its file name
    /// (folders inside the archive are flattened; other entries are skipped) and returns the
    /// names written. Two entries with one file name are refused, as is a damaged archive.
    public static func extractCSV(_ zipPath: String, into directory: String) throws(ZipError) -> [String] {
        let archive = try ZipArchive(source: try FileByteSource(path: zipPath))
        var written: [String] = []
        var seen: Set<String> = []
        for entry in archive.entries {
            let name = String(entry.name.split(separator: "/").last ?? "")
            // macOS adds resource forks under __MACOSX/ (._users.csv); they are not CSV files.
            guard name.lowercased().hasSuffix(".csv"), !entry.name.hasPrefix("__MACOSX/"), !name.hasPrefix("._") else { continue }
            guard seen.insert(name.lowercased()).inserted else { throw .duplicateEntry(name) }
            written.append(name)
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw .readFailed(path: path, reason: "cannot write the unpacked file")
            }
            defer { try? handle.close() }
            var reader = try archive.reader(for: entry, limits: limits)
            while let chunk = try reader.nextChunk() {
                do { try handle.write(contentsOf: chunk) } catch { throw .readFailed(path: path, reason: "\(error)") }
            }
        }
        return written
    }
}
