/// A password or token read at run time. Printing, interpolating, dumping or logging it shows
/// `<redacted>`; only `reveal()` gives the text, at the one place libcurl needs it.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The secret text. Call it where it is handed to the transport, nowhere else.
    public func reveal() -> String { value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
