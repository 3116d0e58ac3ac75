// Programme: the `.ics` of an internship invitation (RFC 5545, iTIP REQUEST RFC 5546).
import Foundation

/// One internship event as the calendar part of an invitation.
public struct InvitationEvent: Sendable, Hashable {
    /// Stable per (campaign, programme, participant): the same event across updates.
    public var uid: String
    /// Bumped on every change the participant must see (RFC 5545 §3.8.7.4).
    public var sequence: Int
    /// Local start and end, `yyyy-MM-dd'T'HH:mm` in `Asia/Yekaterinburg`.
    public var start: DateComponents
    public var end: DateComponents
    public var summary: String
    public var location: String
    public var description: String
    public var organizerEmail: String
    public var organizerName: String?
    public var attendeeEmail: String
    public var attendeeName: String?
    /// Alarm this long before the start.
    public var alarmBefore: Duration

    public init(uid: String, sequence: Int, start: DateComponents, end: DateComponents, summary: String,
                location: String, description: String, organizerEmail: String, organizerName: String? = nil,
                attendeeEmail: String, attendeeName: String? = nil, alarmBefore: Duration = .seconds(86_400)) {
        self.uid = uid
        self.sequence = sequence
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
        self.organizerEmail = organizerEmail
        self.organizerName = organizerName
        self.attendeeEmail = attendeeEmail
        self.attendeeName = attendeeName
        self.alarmBefore = alarmBefore
    }
}

/// Builds the VCALENDAR text (CRLF, lines folded at 75 octets).
public enum InvitationCalendar {
    /// Perm: UTC+5 all year since 2014 (no DST), RFC 5545 §3.6.5.
    static let timeZoneBlock = [
        "BEGIN:VTIMEZONE", "TZID:Asia/Yekaterinburg",
        "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0500", "TZOFFSETTO:+0500", "TZNAME:+05",
        "END:STANDARD", "END:VTIMEZONE",
    ]

    /// The calendar for `event`, stamped `stamp` (UTC; the caller's `now`).
    public static func text(_ event: InvitationEvent, method: String = "REQUEST", stamp: Date) -> String {
        let alarmMinutes = max(0, Int(event.alarmBefore.components.seconds / 60))
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//internships//Perm Krai NGO internships//RU",
                     "CALSCALE:GREGORIAN", "METHOD:\(method)"]
        lines += timeZoneBlock
        lines += [
            "BEGIN:VEVENT",
            "UID:\(escape(event.uid))",
            "SEQUENCE:\(event.sequence)",
            "DTSTAMP:\(utc(stamp))",
            "DTSTART;TZID=Asia/Yekaterinburg:\(local(event.start))",
            "DTEND;TZID=Asia/Yekaterinburg:\(local(event.end))",
            "SUMMARY:\(escape(event.summary))",
            "LOCATION:\(escape(event.location))",
            "DESCRIPTION:\(escape(event.description))",
            "ORGANIZER\(event.organizerName.map { ";CN=\(parameter($0))" } ?? ""):mailto:\(event.organizerEmail)",
            "ATTENDEE\(event.attendeeName.map { ";CN=\(parameter($0))" } ?? "");ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:\(event.attendeeEmail)",
            "STATUS:\(method == "CANCEL" ? "CANCELLED" : "CONFIRMED")",
            "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:\(escape(event.summary))",
            "TRIGGER:-PT\(alarmMinutes)M", "END:VALARM",
            "END:VEVENT", "END:VCALENDAR",
        ]
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 5545 §3.3.11: backslash, `;`, `,` escaped, newlines as `\n`.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(ch)
            }
        }
        return out
    }

    /// RFC 5545 §3.2: a parameter value with `:;,` is quoted; quotes themselves are dropped.
    static func parameter(_ text: String) -> String {
        let clean = text.filter { $0 != "\"" && !$0.isNewline }
        return clean.contains(where: { ":;,".contains($0) }) ? "\"\(clean)\"" : clean
    }

    /// RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a
    /// UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for ch in line {
            let size = String(ch).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += size
        }
        return out
    }

    static func local(_ c: DateComponents) -> String {
        String(format: "%04d%02d%02dT%02d%02d00", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
