// Forms: the value types of form fields.

/// What kind of value a field holds; decides the normaliser and the JSON type.
public enum ValueType: String, Sendable, Hashable {
    /// One line of text.
    case text
    /// Text that may span several lines; kept as written.
    case multilineText
    /// Text with one pair of surrounding quotes removed (programme titles).
    case title
    case inn
    case integer
    /// An integer 1 or 2 (`2 (два)`, `1 день`).
    case durationDays
    case decimal
    case dates
    case email
    case phone
    case consent
    case boolean
    case position
    /// An integer score 0…10 (`8/10`, `7 баллов`, `9 из 10`).
    case score10
    /// An integer 1…5.
    case rating5
    /// An integer 1…10.
    case selfRating10
    case applicationNumber
    case programChoices
    /// ДА / НЕТ of an rsvp.
    case yesNo

    /// Whether the value may continue on the following lines although the label line has one.
    var takesContinuationLines: Bool {
        switch self {
        case .multilineText, .programChoices: true
        default: false
        }
    }
}
