// Hard limits for parsing untrusted mail.

/// Hard limits that end in defects, never crashes or quadratic time.
public struct ParseLimits: Sendable {
    /// Nesting of multiparts and embedded messages (`mime.too_deep`).
    public var maxDepth: Int
    /// MIME entities in one message, embedded ones included (`mime.too_many_parts`).
    public var maxParts: Int
    /// Bytes of one header block (`header.too_long`).
    public var maxHeaderBytes: Int
    /// Bytes of the whole message; the rest is cut (`message.too_large`).
    public var maxTotalBytes: Int
    public init(maxDepth: Int = 20, maxParts: Int = 2_000, maxHeaderBytes: Int = 256 * 1024,
                maxTotalBytes: Int = 64 * 1024 * 1024) {
        self.maxDepth = maxDepth
        self.maxParts = maxParts
        self.maxHeaderBytes = maxHeaderBytes
        self.maxTotalBytes = maxTotalBytes
    }
    public static let `default` = ParseLimits()
}
