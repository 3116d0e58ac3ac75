// `internships export catalogue --out DIR`: the winners' catalogue as catalogue.html and
// catalogue.csv. Reads the database; writes only those two files (re-running overwrites them).
import ArgumentParser
import Foundation
import Pipeline

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write data out as files.", subcommands: [Catalogue.self])

    struct Catalogue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the winners' catalogue (HTML and CSV).")
        @OptionGroup var options: ConfigOptions
        @Option(name: .long, help: "Folder to write catalogue.html and catalogue.csv into.")
        var out: String

        func run() throws {
            do {
                let review = try CommandContext.open(options, label: "export").review()
                let mail = try review.catalogue()
                let dir = URL(fileURLWithPath: out, isDirectory: true)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try Data((mail.html ?? mail.text).utf8).write(to: dir.appendingPathComponent("catalogue.html"))
                try Data(try review.catalogueCSV().utf8).write(to: dir.appendingPathComponent("catalogue.csv"))
                print("wrote \(dir.appendingPathComponent("catalogue.html").path) and catalogue.csv")
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw fail("export catalogue", error)
            }
        }
    }
}
