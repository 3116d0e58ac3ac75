// Adapting the Forms target's reading to what the pipeline stores and shows.
import Forms
import MailMessage

extension FormResult {
    /// The reading as stored: fields in the order of the blank form, values as display text.
    /// nil when the message holds no form (`no_form`).
    public init?(_ reading: FormReading) {
        guard let kind = reading.kind else { return nil }
        let fields = kind.fields.map { spec in
            FormField(id: spec.id, value: (reading.fields[spec.id] ?? nil).map(Self.display))
        }
        self.init(kind: kind.rawValue, location: reading.location, fields: fields,
                  errors: reading.errors.map { FormProblem(code: $0.code, message: $0.message) })
    }

    /// A value as stored: canonical (enum raw values, ISO dates), so exports and rules can
    /// read it back; `readable(_:type:)` turns it into what a person reads in a reply.
    static func display(_ value: FormValue) -> String {
        switch value {
        case .text(let text), .email(let text), .phone(let text), .enumeration(let text): return text
        case .integer(let number): return String(number)
        case .decimal(let number):
            return number.rounded() == number ? String(Int(number)) : String(number).replacingOccurrences(of: ".", with: ",")
        case .bool(let flag): return flag ? "да" : "нет"
        case .dates(let days): return days.joined(separator: ", ")
        case .programs(let choices):
            return choices.map { choice in
                [choice.number.map { "№ \($0)" }, choice.title.map { "«\($0)»" }].compactMap { $0 }.joined(separator: " ")
            }.joined(separator: "; ")
        }
    }
}

extension FormField {
    /// The stored value as a person reads it in a reply: enum values in Russian, dates as
    /// `dd.mm.yyyy` (Forms' `FormValue.display` rules, which every form parses back).
    public func readable(as type: ValueType?) -> String? {
        guard let value else { return nil }
        switch type {
        case .position: return FormValue.enumeration(value).display
        case .dates: return FormValue.dates(value.components(separatedBy: ", ")).display
        default: return value
        }
    }
}

extension StandardMessageReader {
    /// The production reader: the MIME parser, the RFC 3834 classifier and the forms reader.
    public static func standard(config: PipelineConfig, formReader: FormReader = FormReader()) -> StandardMessageReader {
        var reader = StandardMessageReader(
            classifier: Classifier(ownAddresses: config.ownAddresses, loopHeader: config.loopHeader),
            readForm: { message in FormResult(formReader.read(message)) })
        reader.readFormInThread = { message, ids in FormResult(formReader.read(message, invitationIDs: ids)) }
        reader.trustedAuthservIDs = config.trustedAuthservIDs
        return reader
    }
}
