/// The figures a grant report asks for, counted from `SeasonFacts`.
public struct SeasonReport: Sendable, Hashable {
    /// One line of a breakdown: applied / selected / attended.
    public struct Line: Sendable, Hashable {
        public var label: String
        public var applied: Int
        public var selected: Int
        public var attended: Int
        public init(label: String, applied: Int = 0, selected: Int = 0, attended: Int = 0) {
            self.label = label
            self.applied = applied
            self.selected = selected
            self.attended = attended
        }
    }

    /// Distance bands from Perm (straight line): `<50`, `50–100`, `100–200`, `200+` km; a lower
    /// bound belongs to its band (exactly 50 km is `50–100`).
    public static let bands = ["до 50 км", "50–100 км", "100–200 км", "200 км и более"]
    public static let unknownBand = "расстояние не указано"

    /// What the figures count as selected and attended (the report's footnote; README says the same).
    public static let definitions = [
        "Программа отобрана — организация получила письмо о победе (решение объявлено; исправление заменяет первое письмо).",
        "Участник отобран — получил место в объявленном отборе или приглашение (в том числе из резерва).",
        "Участник прошёл стажировку — подтвердил приглашение (ДА) и последний день стажировки прошёл, либо прислал отзыв.",
        "Округ и расстояние — по проверке места при приёме заявки (таблица населённых пунктов); если место не найдено — как указано в заявке.",
    ]

    public var programmesReceived: Int
    public var programmesSelected: Int
    /// Every programme application, in number order, with whether it was selected.
    public var programmes: [SeasonFacts.Programme]
    public var total: Line
    /// Sorted by applicants (most first), then name.
    public var byMunicipality: [Line]
    /// In band order; the unknown band only when someone has no distance.
    public var byDistance: [Line]
    public var hostOrganisations: Int
    public var participantOrganisations: Int
    /// Distinct organisations among hosts and participants together.
    public var organisationsReached: Int
    public var feedbackCount: Int
    public var averageRating: Double?
    public var averageCompetenceBefore: Double?
    public var averageCompetenceAfter: Double?
    public var ideas: [SeasonFacts.Idea]

    public init(_ facts: SeasonFacts) {
        programmesReceived = facts.programmes.count
        programmesSelected = facts.programmes.filter(\.selected).count
        programmes = facts.programmes.sorted { $0.number < $1.number }
        func add(_ line: inout Line, _ a: SeasonFacts.Applicant) {
            line.applied += 1
            if a.selected { line.selected += 1 }
            if a.attended { line.attended += 1 }
        }
        var total = Line(label: "Всего")
        var municipalities: [String: Line] = [:]
        var bands: [String: Line] = [:]
        for applicant in facts.applicants {
            add(&total, applicant)
            let name = applicant.municipality.isEmpty ? "не указан" : applicant.municipality
            add(&municipalities[name, default: Line(label: name)], applicant)
            let band = Self.band(applicant.distanceKm)
            add(&bands[band, default: Line(label: band)], applicant)
        }
        self.total = total
        byMunicipality = municipalities.values.sorted { ($0.applied, $1.label) > ($1.applied, $0.label) }
        byDistance = (Self.bands + [Self.unknownBand]).compactMap { name in
            bands[name] ?? (name == Self.unknownBand ? nil : Line(label: name))
        }
        let hosts = Set(facts.programmes.map { Self.organisationKey($0.organisation) }.filter { !$0.isEmpty })
        let guests = Set(facts.applicants.map { Self.organisationKey($0.organisation) }.filter { !$0.isEmpty })
        hostOrganisations = hosts.count
        participantOrganisations = guests.count
        organisationsReached = hosts.union(guests).count
        feedbackCount = facts.feedback.count
        averageRating = Self.mean(facts.feedback.compactMap(\.rating))
        averageCompetenceBefore = Self.mean(facts.feedback.compactMap(\.competenceBefore))
        averageCompetenceAfter = Self.mean(facts.feedback.compactMap(\.competenceAfter))
        ideas = facts.ideas
    }

    /// The band of a distance in km.
    public static func band(_ km: Double?) -> String {
        guard let km, km >= 0 else { return unknownBand }
        switch km {
        case ..<50: return bands[0]
        case ..<100: return bands[1]
        case ..<200: return bands[2]
        default: return bands[3]
        }
    }

    /// Case, `ё`, quotes and spacing do not make two organisations.
    public static func organisationKey(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: { $0.isWhitespace || "\"«»“”'".contains($0) })
            .joined(separator: " ")
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
