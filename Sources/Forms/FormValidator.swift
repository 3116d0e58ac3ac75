// Forms: raw values → canonical values and every problem of the form at once.

/// Turns the raw values of one form into canonical values and errors.
struct FormValidator: Sendable {
    var wording: FormErrorWording
    var catalogue: [Int: String]
    var defaultYear: Int?

    func validate(kind: FormKind, raw: [String: String]) -> (fields: [String: FormValue?], errors: [FormError]) {
        var fields: [String: FormValue?] = [:]
        var errors: [FormError] = []
        func fail(_ code: String, _ spec: FieldSpec?, _ value: String? = nil, _ extra: [String: String] = [:]) {
            errors.append(FormError(code: code, fieldID: spec?.id,
                                    message: wording.message(code: code, field: spec, value: value, extra: extra)))
        }
        for spec in kind.fields {
            fields.updateValue(nil, forKey: spec.id)
            let text = raw[spec.id] ?? ""
            guard FormTextReader.isFilled(text) || (spec.type == .consent && !text.isEmpty) else {
                if spec.type == .consent { fail("consent_not_given", spec) } else if spec.required { fail("missing:\(spec.id)", spec) }
                continue
            }
            switch spec.type {
            case .consent:
                let given = BooleanParsing.parse(text)
                if let given { fields[spec.id] = .bool(given) }
                if given != true { fail("consent_not_given", spec, text) }
            case .programChoices:
                let outcome = ProgramChoiceParsing.parse(text, catalogue: catalogue)
                if !outcome.unknown.isEmpty {
                    fail("invalid:\(spec.id)", spec, outcome.unknown.joined(separator: "; "))
                }
                if outcome.choices.count > 3 {
                    fail("too_many:\(spec.id)", spec, text, ["count": String(outcome.choices.count)])
                }
                if outcome.choices.isEmpty {
                    if outcome.unknown.isEmpty { fail("missing:\(spec.id)", spec) }
                } else if outcome.unknown.isEmpty {
                    fields[spec.id] = .programs(outcome.choices)
                }
            default:
                if let v = FormValidator.value(text, type: spec.type, defaultYear: defaultYear) {
                    fields[spec.id] = v
                } else {
                    fail("invalid:\(spec.id)", spec, text)
                }
            }
        }
        if kind == .program, case .integer(let d)?? = fields["duration_days"], case .dates(let list)?? = fields["dates"],
           list.count != d {
            fail("mismatch:duration_dates", kind.field("dates"), nil, ["duration": String(d), "count": String(list.count)])
        }
        return (fields, errors)
    }

    /// One value in the canonical form of its type; nil when it cannot be understood.
    static func value(_ text: String, type: ValueType, defaultYear: Int? = nil) -> FormValue? {
        switch type {
        case .text: return .text(TextValues.singleLine(text))
        case .multilineText:
            return .text(text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n"))
        case .title: return .text(TextValues.title(TextValues.singleLine(text)))
        case .inn: return TextValues.inn(text).map(FormValue.text)
        case .integer: return NumberParsing.integer(text).map(FormValue.integer)
        case .durationDays: return NumberParsing.score(text, in: 1...2).map(FormValue.integer)
        case .decimal: return NumberParsing.decimal(text).map(FormValue.decimal)
        case .dates: return DateList.parse(text, defaultYear: defaultYear).map(FormValue.dates)
        case .email: return EmailAddress.normalize(text).map(FormValue.email)
        case .phone: return PhoneNumber.normalize(text).map(FormValue.phone)
        case .consent, .boolean, .yesNo: return BooleanParsing.parse(text).map(FormValue.bool)
        case .position: return PositionParsing.parse(text).map(FormValue.enumeration)
        case .score10: return NumberParsing.score(text, in: 0...10).map(FormValue.integer)
        case .rating5: return NumberParsing.score(text, in: 1...5).map(FormValue.integer)
        case .selfRating10: return NumberParsing.score(text, in: 1...10).map(FormValue.integer)
        case .applicationNumber: return NumberParsing.applicationNumber(text).map(FormValue.integer)
        case .programChoices:
            let outcome = ProgramChoiceParsing.parse(text, catalogue: [:])
            return outcome.choices.isEmpty ? nil : .programs(outcome.choices)
        }
    }
}
