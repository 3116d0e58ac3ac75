// `pipeline-bench read --dir DIR [--runs N] [--limit N]`: the parse stage's reading without
// IMAP or SQLite, on one thread, split into its two halves — MIME (`Message.parse`) and the
// form reader (`FormReader.read` of the parsed message) — in CPU µs per message. It is how the
// form reader's speed is measured (issue 10, P1); the files stay in memory, so no I/O is timed.
import Foundation
import Forms
import MailMessage
import Pipeline

enum BenchRead {
    static func run(_ arguments: BenchArguments) throws {
        let directory = try arguments.require("dir")
        let runs = max(1, Int(arguments["runs"] ?? "") ?? 3)
        var names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".eml") }.sorted()
        if let limit = Int(arguments["limit"] ?? ""), limit < names.count { names = Array(names.prefix(limit)) }
        let raws = try names.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent($0))) }
        let classifier = Classifier(ownAddresses: [], loopHeader: "X-Internships-Loop")
        let formReader = FormReader()
        var mimeRuns: [Double] = []
        var formRuns: [Double] = []
        var forms = 0
        for _ in 0..<runs {
            var start = BenchMeter.cpuSeconds()
            let messages = raws.map { Message.parse($0) }
            mimeRuns.append(BenchMeter.cpuSeconds() - start)
            let human = messages.filter { classifier.classify($0) == .human }
            start = BenchMeter.cpuSeconds()
            forms = 0
            for message in human where formReader.read(message).kind != nil { forms += 1 }
            formRuns.append(BenchMeter.cpuSeconds() - start)
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        let n = Double(raws.count)
        print(String(format: "messages=%d forms=%d runs=%d mime_us_per_msg=%.1f form_us_per_msg=%.1f form_min=%.1f form_max=%.1f",
                     raws.count, forms, runs, median(mimeRuns) / n * 1e6, median(formRuns) / n * 1e6,
                     (formRuns.min() ?? 0) / n * 1e6, (formRuns.max() ?? 0) / n * 1e6))
    }
}
