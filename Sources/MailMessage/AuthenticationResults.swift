// Authentication-Results (RFC 8601): the receiving server's verdicts on DKIM, SPF, DMARC.

/// One Authentication-Results header field.
public struct AuthenticationResults: Sendable, Hashable {
    /// One method result, e.g. `dkim=pass header.d=example.test`.
    public struct MethodResult: Sendable, Hashable {
        /// Lower-cased method name: `dkim`, `spf`, `dmarc`, `arc`, `auth`, …
        public var method: String
        /// Lower-cased result: `pass`, `fail`, `softfail`, `neutral`, `none`, `temperror`, `permerror`, `policy`.
        public var result: String
        /// `reason="…"` when given.
        public var reason: String?
        /// `ptype.property=value` pairs, e.g. `header.d` → `example.test`.
        public var properties: [String: String]
        public init(method: String, result: String, reason: String? = nil, properties: [String: String] = [:]) {
            self.method = method
            self.result = result
            self.reason = reason
            self.properties = properties
        }
    }

    /// The authserv-id: the host that did the checks (RFC 8601 §2.5).
    public var authservID: String
    public var results: [MethodResult]

    public init(authservID: String, results: [MethodResult]) {
        self.authservID = authservID
        self.results = results
    }

    /// The first result for a method (`dkim`, `spf`, `dmarc`), lower-cased.
    public func result(for method: String) -> String? {
        results.first { $0.method == method.lowercased() }?.result
    }

    /// Parses one header value; nil when there is no authserv-id.
    public static func parse(_ value: String) -> AuthenticationResults? {
        let cleaned = stripComments(value)
        var statements = splitOutsideQuotes(cleaned, separator: ";")
        guard !statements.isEmpty else { return nil }
        // authserv-id [ CFWS authres-version ]
        let head = statements.removeFirst().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let id = head.first, !id.isEmpty else { return nil }
        var results: [MethodResult] = []
        for st in statements {
            let words = splitOutsideQuotes(st, separator: " ").filter { !$0.isEmpty }
            guard let first = words.first, let eq = first.firstIndex(of: "=") else { continue }
            var method = String(first[..<eq]).lowercased()
            if let slash = method.firstIndex(of: "/") { method = String(method[..<slash]) }  // method/version
            let result = String(first[first.index(after: eq)...]).lowercased()
            if method == "none" || method.isEmpty { continue }
            var reason: String? = nil
            var props: [String: String] = [:]
            for w in words.dropFirst() {
                guard let e = w.firstIndex(of: "=") else { continue }
                let k = String(w[..<e]).lowercased()
                var v = String(w[w.index(after: e)...])
                if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
                if k == "reason" { reason = v } else { props[k] = v }
            }
            results.append(MethodResult(method: method, result: result, reason: reason, properties: props))
        }
        return AuthenticationResults(authservID: String(id), results: results)
    }

    private static func stripComments(_ s: String) -> String {
        var out = ""
        var depth = 0
        var inQuote = false
        for ch in s {
            if inQuote {
                out.append(ch)
                if ch == "\"" { inQuote = false }
                continue
            }
            if ch == "\"" && depth == 0 {
                inQuote = true
                out.append(ch)
            } else if ch == "(" {
                depth += 1
            } else if ch == ")" && depth > 0 {
                depth -= 1
                if depth == 0 { out.append(" ") }
            } else if depth == 0 {
                out.append(ch == "\t" || ch == "\r" || ch == "\n" ? " " : ch)
            }
        }
        return out
    }

    private static func splitOutsideQuotes(_ s: String, separator: Character) -> [String] {
        var out: [String] = []
        var cur = ""
        var inQuote = false
        for ch in s {
            if ch == "\"" { inQuote.toggle() }
            if ch == separator && !inQuote {
                out.append(cur.trimming(chars: " "))
                cur = ""
            } else {
                cur.append(ch)
            }
        }
        let last = cur.trimming(chars: " ")
        if !last.isEmpty || out.isEmpty { out.append(last) }
        return out
    }
}
