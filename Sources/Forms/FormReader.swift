// Forms: the entry point — find the form in a message, read it and check it.
import Foundation
import MailMessage

/// Finds, reads and checks the form of one message. Pure: the shell passes the wording
/// (from `mail-templates/form-errors.ru.toml`) and the catalogue of winning programmes.
public struct FormReader: Sendable {
    public var wording: FormErrorWording
    /// Winning programmes, number → title; empty before the winners exist.
    public var catalogue: [Int: String]
    /// Year for dates written without one (`15 сентября`); nil: such dates are invalid.
    public var defaultYear: Int?
    public var rsvp: RSVPReader
    /// Forwarded messages inside forwarded messages are read to this depth.
    public var maximumForwardDepth = 3

    public init(wording: FormErrorWording = FormErrorWording(), catalogue: [Int: String] = [:],
                defaultYear: Int? = nil, rsvp: RSVPReader = RSVPReader()) {
        self.wording = wording
        self.catalogue = catalogue
        self.defaultYear = defaultYear
        self.rsvp = rsvp
    }

    /// A decoded text and where it came from.
    public struct Source: Sendable {
        public var text: String
        public var location: String
        public init(text: String, location: String) {
            self.text = text
            self.location = location
        }
    }

    /// Read the form of a parsed message. `invitationIDs`: Message-IDs of invitations we sent
    /// (without angle brackets); a reply to one of them, or a subject/body carrying an
    /// invitation token (`[INV-…]`), is read as ДА / НЕТ when it holds no form.
    public func read(_ message: Message, invitationIDs: Set<String> = []) -> FormReading {
        var pending: [PendingSource] = []
        collectSources(message, location: "body", depth: 0, into: &pending)
        let found = scan(pending)
        let tokens = rsvp.tokens(inSubject: message.subject)
        let threadIDs = (message.inReplyTo + message.references.reversed()).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        let refs = tokens + threadIDs
        let replyToInvitation = !tokens.isEmpty || threadIDs.contains(where: invitationIDs.contains)
            || found.first.map { !rsvp.tokens(inSubject: $0.source.text).isEmpty } == true
        var reading = decide(found, replyToInvitation: replyToInvitation)
        if reading.kind == .rsvp { reading.invitationReferences = refs }
        return reading
    }

    /// A decoded text to read, or the HTML alternative of a message's plain body, rendered and
    /// read only when that plain body (`plain`, an index into the same list; nil when the
    /// message has no plain text) holds no form its sender filled in.
    enum PendingSource {
        case text(Source)
        case htmlAlternative(Message, location: String, plain: Int?)
    }

    typealias Found = (source: Source, forms: [TextForm])

    /// Whether a text holds a form its sender filled in outside any quote.
    static func hasOwnFilledForm(_ forms: [TextForm]) -> Bool {
        forms.contains { !$0.usesQuotedText && $0.filledCount > 0 }
    }

    /// Read the pending sources in order. Outlook and Gmail send every form twice (text/plain and
    /// the HTML alternative): the HTML is the same text again, so it is read only where the plain
    /// text has no own filled form — a stub ("Отправлено с iPhone"), a blank or quoted-only form,
    /// no text at all. Where both are read, the fuller form wins as for any two sources.
    func scan(_ pending: [PendingSource]) -> [Found] {
        let textReader = FormTextReader()
        var found: [Found] = []
        var foundIndex: [Int: Int] = [:]
        for (k, entry) in pending.enumerated() {
            switch entry {
            case .text(let source):
                foundIndex[k] = found.count
                found.append((source, textReader.readableCandidates(in: source.text)))
            case .htmlAlternative(let message, let location, let plain):
                let plainFound = plain.flatMap { foundIndex[$0] }.map { found[$0] }
                if let plainFound, FormReader.hasOwnFilledForm(plainFound.forms) { continue }
                guard let html = message.htmlAlternativeText, !FormReader.isBlank(html),
                      html != plainFound?.source.text else { continue }
                let source = Source(text: html, location: location)
                foundIndex[k] = found.count
                found.append((source, textReader.readableCandidates(in: html)))
            }
        }
        return found
    }

    /// Read the form from texts already decoded, in order of preference.
    public func read(sources: [Source], replyToInvitation: Bool = false) -> FormReading {
        decide(scan(sources.map(PendingSource.text)), replyToInvitation: replyToInvitation)
    }

    /// Choose the reading among the forms found in each source (sources in order of preference).
    func decide(_ found: [Found], replyToInvitation: Bool) -> FormReading {
        let sources = found.map(\.source)
        // 1. A form the sender filled in their own text: the fullest one, so that a cover note
        //    with a contact line does not hide the form attached to it; ties go to the body.
        var best: (form: TextForm, location: String)?
        for (source, forms) in found {
            for form in forms where !form.usesQuotedText && form.filledCount > (best?.form.filledCount ?? 0) {
                best = (form, source.location)
            }
        }
        if let best { return reading(best.form, location: best.location) }
        // 2. ДА / НЕТ to an invitation; "да, но…" is a question back, not a guess.
        if replyToInvitation, let body = sources.first(where: { $0.location == "body" }),
           let unclear = rsvp.ambiguity(in: body.text) {
            let spec = FormKind.rsvp.field("answer")
            return FormReading(kind: .rsvp, location: "body", fields: ["answer": FormValue?.none, "comment": .text(unclear)],
                               errors: [FormError(code: "ambiguous:answer", fieldID: "answer",
                                                  message: wording.message(code: "ambiguous:answer", field: spec,
                                                                           value: unclear))])
        }
        if replyToInvitation, let body = sources.first(where: { $0.location == "body" }), let a = rsvp.answer(in: body.text) {
            var fields: [String: FormValue?] = ["answer": .bool(a.answer), "comment": FormValue?.none]
            if let c = a.comment { fields["comment"] = .text(c) }
            return FormReading(kind: .rsvp, location: "body", fields: fields, errors: [])
        }
        // 3. The only filled form is inside a quote (typed into the quote, or forwarded). Not for
        //    replies to invitations: the quoted invitation itself lists dates and addresses.
        for (source, forms) in found where !replyToInvitation {
            if let quoted = forms.filter(\.isPlausibleQuotedForm).max(by: { $0.filledCount < $1.filledCount }) {
                return reading(quoted, location: source.location)
            }
        }
        // 4. A blank form sent back unfilled: list what is missing.
        for (source, forms) in found {
            if let blank = forms.first(where: { !$0.usesQuotedText && ($0.values.count >= 2 || $0.headingFound) && !$0.values.isEmpty }) {
                return reading(blank, location: source.location)
            }
        }
        if replyToInvitation {
            let spec = FormKind.rsvp.field("answer")
            return FormReading(kind: .rsvp, location: "body", fields: ["answer": FormValue?.none, "comment": FormValue?.none],
                               errors: [FormError(code: "missing:answer", fieldID: "answer",
                                                  message: wording.message(code: "missing:answer", field: spec))])
        }
        return FormReading(kind: nil, location: nil, fields: [:],
                           errors: [FormError(code: "no_form", message: wording.message(code: "no_form", field: nil))])
    }

    /// Read one decoded text as if it were a message body.
    public func read(text: String, location: String = "body") -> FormReading {
        read(sources: [Source(text: text, location: location)])
    }

    private func reading(_ form: TextForm, location: String) -> FormReading {
        let validator = FormValidator(wording: wording, catalogue: catalogue, defaultYear: defaultYear)
        let raw = form.values.mapValues(\.text)
        var (fields, errors) = validator.validate(kind: form.kind, raw: raw)
        
        errors = errors.map { $0 }
        return FormReading(kind: form.kind, location: location, fields: fields, errors: errors,
                           formVersion: form.version, fromQuote: form.usesQuotedText)
    }

    /// Only spaces and line breaks (what trimming them would empty), checked without bridging
    /// the whole text to NSString.
    static func isBlank(_ text: String) -> Bool {
        !text.unicodeScalars.contains { !CharacterSet.whitespacesAndNewlines.contains($0) }
    }

    private func collectSources(_ message: Message, location: String, depth: Int, into sources: inout [PendingSource]) {
        let body = message.textBody
        var plain: Int?
        if !FormReader.isBlank(body) {
            plain = sources.count
            sources.append(.text(Source(text: body, location: location)))
        }
        // Rendered later, and only if needed; nil when the body already is the HTML as text.
        sources.append(.htmlAlternative(message, location: location, plain: plain))
        for attachment in message.attachments {
            let name = attachment.filename?.lowercased() ?? ""
            let type = attachment.contentType.lowercased()
            if name.hasSuffix(".docx") || type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
                if let text = DocxText.extract(attachment.data) {
                    sources.append(.text(Source(text: text, location: depth == 0 ? "attachment:docx" : location)))
                }
            } else if name.hasSuffix(".txt") || type == "text/plain" {
                let text = attachment.text ?? Charset.decode(attachment.data, label: nil).text
                sources.append(.text(Source(text: text, location: depth == 0 ? "attachment:txt" : location)))
            }
        }
        guard depth < maximumForwardDepth else { return }
        for embedded in message.embeddedMessages {
            collectSources(embedded, location: "attachment:message/rfc822", depth: depth + 1, into: &sources)
        }
    }
}
