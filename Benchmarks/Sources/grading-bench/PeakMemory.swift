#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Resident memory from `/proc/self/status` (Linux): VmHWM is the peak, VmRSS the current size.
///
/// The peak is reset before each measured path (writing 5 to `/proc/self/clear_refs` sets VmHWM to the
/// current VmRSS), so each path's figure is its own peak: the input it reads plus whatever it
/// allocates, and not a leftover of generating the cohort.
enum PeakMemory {
    static var peakBytes: Int? { statusField("VmHWM:") }
    static var residentBytes: Int? { statusField("VmRSS:") }

    /// False where the peak cannot be reset; figures are then peaks since the process started.
    @discardableResult
    static func resetPeak() -> Bool {
        #if canImport(Glibc)
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return write(descriptor, "5", 1) == 1
        #else
        return false
        #endif
    }

    private static func statusField(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            // "VmHWM:\t  123456 kB": a tab, then padding that large values do not get.
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}
