// Forms: one problem of a form, with the Russian sentence that tells the sender what to fix.

/// A problem of a submitted form. Codes are exactly those of product.md: `missing:<id>`,
/// `invalid:<id>`, `consent_not_given`, `too_many:selected_programs`,
/// `mismatch:duration_dates`, `no_form`.
public struct FormError: Sendable, Hashable, Codable {
    public var code: String
    /// The field concerned, when there is one.
    public var fieldID: String?
    /// A Russian sentence telling the sender exactly what to fix.
    public var message: String

    public init(code: String, fieldID: String? = nil, message: String) {
        self.code = code
        self.fieldID = fieldID
        self.message = message
    }

    /// JSON of `parse --json`: `{"code", "message"}`.
    enum CodingKeys: String, CodingKey { case code, message }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        message = try c.decode(String.self, forKey: .message)
        if let colon = code.firstIndex(of: ":") { fieldID = String(code[code.index(after: colon)...]) }
    }
}
