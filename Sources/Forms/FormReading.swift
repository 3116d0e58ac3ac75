// Forms: what was understood from one message — the `form` part of `parse --json`.

/// The result of reading a message for a form.
public struct FormReading: Sendable, Codable {
    /// The form kind, or nil when the message holds no form (`no_form`).
    public var kind: FormKind?
    /// `body`, `attachment:txt`, `attachment:docx`, `attachment:message/rfc822`, or nil.
    public var location: String?
    /// Every field id of the kind; nil when missing or not understood.
    public var fields: [String: FormValue?]
    /// Every problem at once.
    public var errors: [FormError]
    /// The `Версия формы:` line of the form, when present.
    public var formVersion: String?
    /// True when the values were typed into a quoted copy of the form.
    public var fromQuote: Bool
    /// For rsvp: invitation tokens from the subject (`INV-ABC123`), then In-Reply-To and
    /// References ids (newest first). The pipeline matches them against sent invitations.
    public var invitationReferences: [String]

    public init(kind: FormKind?, location: String?, fields: [String: FormValue?], errors: [FormError],
                formVersion: String? = nil, fromQuote: Bool = false, invitationReferences: [String] = []) {
        self.kind = kind
        self.location = location
        self.fields = fields
        self.errors = errors
        self.formVersion = formVersion
        self.fromQuote = fromQuote
        self.invitationReferences = invitationReferences
    }

    /// Exactly the `form` object of product.md.
    enum CodingKeys: String, CodingKey { case kind, location, fields, errors }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(FormKind.self, forKey: .kind)
        location = try c.decodeIfPresent(String.self, forKey: .location)
        fields = try c.decode([String: FormValue?].self, forKey: .fields)
        errors = try c.decode([FormError].self, forKey: .errors)
        formVersion = nil
        fromQuote = false
        invitationReferences = []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(location, forKey: .location)
        try c.encode(fields, forKey: .fields)
        try c.encode(errors, forKey: .errors)
    }

    /// True when a form was found and has no problem.
    public var isValid: Bool { kind != nil && errors.isEmpty }

    /// Field ids in the order of the blank form, for output with a stable key order.
    public var fieldOrder: [String] { kind?.fields.map(\.id) ?? [] }

    /// The error codes, in order (handy for tests and logs).
    public var errorCodes: [String] { errors.map(\.code) }

    /// A value that was understood (nil when missing, invalid or not a field of the kind).
    public func value(_ id: String) -> FormValue? { fields[id] ?? nil }
}
