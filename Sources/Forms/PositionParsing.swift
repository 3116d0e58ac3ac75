// Forms: a participant's position to `employee` or `volunteer`.
import Foundation

enum PositionParsing {
    static let volunteerStems = ["волонтер", "доброволец", "добровольц", "volunteer", "активист"]
    static let employeeStems = ["сотрудни", "работник", "штатн", "employee", "руковод", "директор", "специалист",
                                "методист", "менеджер", "координатор", "бухгалтер", "председател", "заместител",
                                "педагог", "психолог", "юрист", "администратор", "помощник", "ассистент", "экономист",
                                "организатор", "куратор", "инструктор", "аналитик"]

    /// `сотрудник (методист)` → employee; `волонтёр` → volunteer; whichever is written first wins.
    static func parse(_ raw: String) -> String? {
        let s = raw.lowercased().replacingOccurrences(of: "ё", with: "е")
        let v = volunteerStems.compactMap { s.range(of: $0)?.lowerBound }.min()
        let e = employeeStems.compactMap { s.range(of: $0)?.lowerBound }.min()
        switch (e, v) {
        case let (e?, v?): return e < v ? "employee" : "volunteer"
        case (_?, nil): return "employee"
        case (nil, _?): return "volunteer"
        default: return nil
        }
    }
}
