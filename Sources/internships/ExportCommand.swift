// `internships export KIND --format csv|xlsx|txt|html --out FILE`: tables for the grant fund;
// `internships export catalogue --out DIR`: the winners' catalogue as catalogue.html + .csv.
// Reads the database only; writes files (replaced atomically), so re-running is safe.
import ArgumentParser
import Foundation
import Pipeline
import Reports

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export programmes, participants, scores, invitations, attendance, feedback, ideas, the report or the catalogue.",
        discussion: """
            csv: UTF-8 with BOM, ';' separated, CRLF, dates dd.mm.yyyy, decimal comma — Excel with a \
            Russian locale opens it with a double click. xlsx: one sheet per table, bold frozen \
            header, numbers as numbers, dates as dates (dd.mm.yyyy). The report also writes txt \
            and html (with a chart of participants by municipality). A table with several sheets \
            (the report) as csv writes FILE for the first and FILE-2.csv … for the others.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, xlsx, txt, html
    }

    @Argument(help: ArgumentHelp("What to export: \(ExportKind.allCases.map(\.rawValue).joined(separator: ", ")), catalogue.",
                                 valueName: "kind"))
    var kind: String

    @Option(name: .long, help: "csv, xlsx (any kind), txt or html (report only).")
    var format: Format = .xlsx

    @Option(name: .long, help: ArgumentHelp("The file to write (for the catalogue: the folder).", valueName: "file"))
    var out: String

    @Flag(name: .customLong("field-ids"), help: "Header row with field ids (organization, inn, …) instead of Russian labels.")
    var fieldIDs = false

    @Option(name: .long, help: ArgumentHelp("The configuration file (default: $INTERNSHIPS_CONFIG, else ./internships.toml).", valueName: "path"))
    var config: String?

    func validate() throws {
        if kind == "catalogue" { return }
        guard let exportKind = ExportKind(rawValue: kind) else {
            throw ValidationError("unknown export '\(kind)' — use one of \(ExportKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if (format == .txt || format == .html) && exportKind != .report {
            throw ValidationError("--format \(format.rawValue) is for the report only — use csv or xlsx")
        }
    }

    func run() throws {
        if kind == "catalogue" {
            try exportCatalogue()
            return
        }
        try reportingFailures("export") { try exportTables() }
    }

    private func exportTables() throws {
        let context = try AppContext.load(config: config, now: Date(), level: .warning, label: "export")
        let store = try context.openStore()
        let pipeline = context.pipeline
        let exportKind = ExportKind(rawValue: kind) ?? .report
        let moment = context.now
        let exports = StoreExports(store: store, campaign: pipeline.campaign, timeZone: pipeline.timeZone, now: moment)
        let header: ExportTable.HeaderStyle = fieldIDs ? .keys : .russian
        let target = URL(fileURLWithPath: out).standardizedFileURL
        do {
            switch format {
            case .txt, .html:
                let report = SeasonReport(try StoreReportSource(store: store, campaign: pipeline.campaign,
                                                                timeZone: pipeline.timeZone).facts(now: moment))
                let text = format == .txt ? report.text : report.html(title: context.settings.campaign.name)
                try Data(text.utf8).write(to: target, options: .atomic)
                print("wrote \(target.path)")
            case .xlsx:
                let data = try XLSXWriter.data(try exports.tables(exportKind), header: header, modified: Date())
                try data.write(to: target, options: .atomic)
                print("wrote \(target.path)")
            case .csv:
                for (index, table) in try exports.tables(exportKind).enumerated() {
                    let base = target.deletingPathExtension().lastPathComponent
                    let file = index == 0 ? target
                        : target.deletingLastPathComponent().appendingPathComponent("\(base)-\(index + 1).csv")
                    try Data(CSVWriter.bytes(table, header: header)).write(to: file, options: .atomic)
                    print("wrote \(file.path) (\(table.name), \(table.rows.count) rows)")
                }
            }
        } catch {
            throw CLIFailure(status: CLIFailure.cannotCreate,
                             message: "\(error) — check that \(target.deletingLastPathComponent().path) exists and is writable")
        }
    }
}

extension ExportCommand {
    /// The winners' catalogue (the same text as the publicity mail) as catalogue.html and
    /// catalogue.csv in the folder `--out`.
    func exportCatalogue() throws {
        try reportingFailures("export catalogue") {
            let context = try AppContext.load(config: config, now: Date(), level: .warning, label: "export")
            let review = try context.review(store: try context.openStore())
            let mail = try review.catalogue()
            let dir = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data((mail.html ?? mail.text).utf8).write(to: dir.appendingPathComponent("catalogue.html"), options: .atomic)
            try Data(try review.catalogueCSV().utf8).write(to: dir.appendingPathComponent("catalogue.csv"), options: .atomic)
            print("wrote \(dir.appendingPathComponent("catalogue.html").path) and catalogue.csv")
        }
    }
}
