import Foundation

/// Unpacks named CSV files of a ZIP archive into a folder, a chunk at a time: how a OneRoster bulk
/// set arrives over HTTP (OneRoster 1.2 CSV binding: one ZIP of CSV files).
public enum ZipExtraction {
    /// CSV compresses well, but not past this: a higher ratio is a bomb, not a roster.
    static let limits = ZipReadLimits(maximumUncompressedBytes: Int(UInt32.max), maximumCompressionRatio: 200, ratioThreshold: 1 << 20)
    /// The most a set may unpack to: a national set is a few gigabytes of CSV.
    public static let maximumTotalBytes = 16 << 30

    /// Writes the entries of the archive at `zipPath` whose file names are in `names` (compared
    /// ignoring case; folders inside the archive are flattened) to `directory`, and returns the
    /// names written. Other entries are skipped. Refused: two entries with one file name, entries
    /// that together declare more than `maximumTotalBytes` (checked before anything is unpacked; an
    /// entry cannot inflate past what it declares), and a damaged archive.
    public static func extract(_ zipPath: String, names: Set<String>, into directory: String) throws(ZipError) -> [String] {
        let archive = try ZipArchive(source: try FileByteSource(path: zipPath))
        let wanted = Set(names.map { $0.lowercased() })
        var chosen: [(name: String, entry: ZipEntry)] = []
        var seen: Set<String> = []
        for entry in archive.entries {
            let name = String(entry.name.split(separator: "/").last ?? "")
            // macOS adds resource forks under __MACOSX/ (._users.csv); they are not the files.
            guard wanted.contains(name.lowercased()), !entry.name.hasPrefix("__MACOSX/") else { continue }
            guard seen.insert(name.lowercased()).inserted else { throw .duplicateEntry(name) }
            chosen.append((name, entry))
        }
        let total = chosen.reduce(0) { $0 + $1.entry.uncompressedSize }
        guard total <= maximumTotalBytes else {
            throw .entryTooLarge(entry: chosen.map(\.name).joined(separator: ", "), size: total, limit: maximumTotalBytes)
        }
        for (name, entry) in chosen {
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
        return chosen.map(\.name)
    }
}
