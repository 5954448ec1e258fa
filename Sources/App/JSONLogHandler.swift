import Foundation
import Logging

/// One JSON object per line on standard error, for log collectors: `{"ts":…,"level":…,"label":…,
/// "msg":…, plus the metadata}`. Chosen with `NEMIS_LOG_FORMAT=json`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [
            "ts": Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date()),
            "level": event.level.rawValue,
            "label": label,
            "msg": event.message.description,
            "source": event.source,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = value.description
        }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }

    /// Chooses text or JSON logs from `NEMIS_LOG_FORMAT`; call once, first thing in the process.
    public static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if environment["NEMIS_LOG_FORMAT"]?.lowercased() == "json" {
            LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        }
    }
}
