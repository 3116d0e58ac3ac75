// The project's copy of the Perm Krai tables, read once for the tests.
import Foundation
@testable import Programme

enum ReferenceData {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data")

    static let tables: PlaceTables = {
        func text(_ name: String) -> String {
            (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        return PlaceTables(municipalitiesCSV: text("perm-krai-municipalities.csv"),
                           settlementsCSV: text("perm-krai-settlements.csv"))
    }()
}
