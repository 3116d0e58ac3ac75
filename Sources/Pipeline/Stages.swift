// The stages and what they share. Each stage is in `Stages+<Stage>.swift`.
import Foundation
import Logging
import Store

/// The pipeline's stages over one store. Each stage reads committed rows, decides, and
/// writes committed rows; each can be re-run at any moment (architecture.md).
public struct Stages {
    public var store: Store
    public var config: PipelineConfig
    public var reader: any MessageReader
    public var renderer: any ReplyRenderer
    public var logger: Logger
    public var crash: any CrashPoint

    public init(store: Store, config: PipelineConfig, reader: any MessageReader,
                renderer: any ReplyRenderer = PlainReplyRenderer(), logger: Logger,
                crash: any CrashPoint = NoCrash()) {
        self.store = store
        self.config = config
        self.reader = reader
        self.renderer = renderer
        self.logger = logger
        self.crash = crash
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: Swift.max(1, size)).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

enum JSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
