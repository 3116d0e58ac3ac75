// swift-log to stderr: one line per event, `time level label: message key=value ...`.
// Callers log facts and counts only — never secrets or message bodies (house style).
import Foundation
import Logging

struct StderrLogHandler: LogHandler {
    var label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let stamp = Self.timestamp()
        var line = "\(stamp) \(event.level.rawValue) \(label): \(Self.oneLine(event.message.description))"
        for key in merged.keys.sorted() {
            line += " \(key)=\(Self.oneLine(merged[key].map { "\($0)" } ?? ""))"
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    /// Installs the handler once per process at `level`.
    static func bootstrap(level: Logger.Level) {
        LoggingBootstrap.once(level: level)
    }
}

/// LoggingSystem.bootstrap may run only once per process.
enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    private static let lock = NSLock()

    static func once(level: Logger.Level) {
        lock.withLock {
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in StderrLogHandler(label: label, logLevel: level) }
        }
    }
}
