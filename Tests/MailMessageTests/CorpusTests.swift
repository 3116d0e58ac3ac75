// One parameterised test over the corpus: each NAME.eml is parsed and compared with the
// hand-written NAME.expected.json (see make_corpus.py for what each message is).

import Foundation
import Testing
@testable import MailMessage

enum Corpus {
    static let directory: URL? = Bundle.module.url(forResource: "Corpus", withExtension: nil)

    static let names: [String] = {
        guard let dir = directory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }()

    static func bytes(_ name: String) -> [UInt8] {
        guard let dir = directory, let d = FileManager.default.contents(atPath: dir.appendingPathComponent(name + ".eml").path)
        else { return [] }
        return [UInt8](d)
    }

    static func expected(_ name: String) -> [String: Any] {
        guard let dir = directory,
              let d = FileManager.default.contents(atPath: dir.appendingPathComponent(name + ".expected.json").path),
              let obj = try? JSONSerialization.jsonObject(with: d) as? [String: Any] else { return [:] }
        return obj
    }
}

private func iso(_ d: Date?) -> String? {
    d.map { ISO8601DateFormatter().string(from: $0) }
}

/// JSON null or absent → nil.
private func str(_ v: Any?) -> String? { v as? String }

struct CorpusTests {
    @Test("corpus has at least 40 messages")
    func corpusSize() {
        #expect(Corpus.names.count >= 40)
    }

    @Test("corpus message matches its expected result", arguments: Corpus.names)
    func corpusMessage(_ name: String) throws {
        let raw = Corpus.bytes(name)
        try #require(!raw.isEmpty, "missing \(name).eml")
        let want = Corpus.expected(name)
        try #require(!want.isEmpty, "missing \(name).expected.json")
        let m = Message.parse(raw)
        let classifier = Classifier(ownAddresses: ["intake@example.test"])

        if want.keys.contains("from") { #expect(m.from.first?.address == str(want["from"]), "from") }
        if let n = want["from_name"] as? String { #expect(m.from.first?.name == n, "from_name") }
        if want.keys.contains("reply_to") { #expect(m.replyTo.first?.address == str(want["reply_to"]), "reply_to") }
        if let to = want["to"] as? [String] { #expect(m.to.map(\.address) == to, "to") }
        if let cc = want["cc"] as? [String] { #expect(m.cc.map(\.address) == cc, "cc") }
        if want.keys.contains("subject") { #expect(m.subject == str(want["subject"]), "subject") }
        if want.keys.contains("message_id") { #expect(m.messageID == str(want["message_id"]), "message_id") }
        if want.keys.contains("date") { #expect(iso(m.date) == str(want["date"]), "date") }
        if let c = want["class"] as? String { #expect(classifier.classify(m).rawValue == c, "class") }
        if let ids = want["in_reply_to"] as? [String] { #expect(m.inReplyTo == ids, "in_reply_to") }
        if let ids = want["references"] as? [String] { #expect(m.references == ids, "references") }

        let text = m.textBody
        if let t = want["text"] as? String { #expect(text == t, "text") }
        for s in want["text_contains"] as? [String] ?? [] { #expect(text.contains(s), "text contains \(s)") }
        for s in want["text_excludes"] as? [String] ?? [] { #expect(!text.contains(s), "text excludes \(s)") }
        for s in want["html_text_contains"] as? [String] ?? [] {
            #expect(m.htmlText?.contains(s) == true, "html text contains \(s)")
        }

        if let atts = want["attachments"] as? [[String: Any]] {
            let got = m.attachments
            #expect(got.count == atts.count, "attachment count")
            for (g, w) in zip(got, atts) {
                #expect(g.filename == str(w["filename"]), "attachment filename")
                #expect(g.contentType == str(w["content_type"]), "attachment type")
                if let size = w["size"] as? Int { #expect(g.data.count == size, "attachment size") }
                if let t = w["text"] as? String { #expect(g.text == t, "attachment text") }
            }
        }

        if let codes = want["defects"] as? [String] {
            let got = Set(m.defects.map(\.code))
            #expect(got == Set(codes), "defects: \(m.defects)")
        }

        if let emb = want["embedded"] as? [[String: Any]] {
            let got = m.embeddedMessages
            #expect(got.count == emb.count, "embedded count")
            for (g, w) in zip(got, emb) {
                #expect(g.from.first?.address == str(w["from"]))
                #expect(g.subject == str(w["subject"]))
                #expect(g.messageID == str(w["message_id"]))
                if let t = w["text"] as? String { #expect(g.textBody == t) }
            }
        }

        if let d = want["delivery"] as? [String: Any] {
            let r = m.deliveryReport
            #expect(r != nil, "delivery report")
            if let failed = d["failed"] as? [String] { #expect(r?.failedRecipients == failed, "failed recipients") }
            if d.keys.contains("original_message_id") {
                #expect(r?.originalMessageID == str(d["original_message_id"]), "original message id")
            }
            if let mta = d["reporting_mta"] as? String { #expect(r?.reportingMTA == mta) }
            if let st = d["status"] as? String { #expect(r?.recipients.first?.status == st) }
            if let h = d["heuristic"] as? Bool { #expect(r?.isHeuristic == h) }
        } else {
            #expect(m.deliveryReport == nil, "no delivery report expected")
        }

        if let a = want["auth"] as? [String: String] {
            let ar = m.authenticationResults.first
            #expect(ar?.authservID == a["authserv_id"])
            for method in ["dkim", "spf", "dmarc"] where a[method] != nil {
                #expect(ar?.result(for: method) == a[method], "auth \(method)")
            }
        }
        if let p = want["preamble"] as? String {
            #expect(m.root.preamble.map { String(decoding: $0, as: UTF8.self) } == p, "preamble")
        }
        if let e = want["epilogue_contains"] as? String {
            #expect(m.root.epilogue.map { String(decoding: $0, as: UTF8.self).contains(e) } == true, "epilogue")
        }
    }
}
