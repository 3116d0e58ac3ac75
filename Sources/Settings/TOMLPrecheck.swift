/// Finds, before toml++ sees the text, the inputs that make toml++ 3.x abort instead of
/// reporting a parse error. `parse_table_header()` calls `parse_key()` without checking that the
/// character after `[` (or `[[`) can start a key; `parse_key()` asserts it (SIGABRT when
/// assertions are on, as in debug builds; undefined behaviour with `NDEBUG`).
/// Upstream: marzer/tomlplusplus#294 (`[&`), fixed by #301 (`[[[1]]]`); TOMLKit 0.6.0 ships
/// the unfixed parser. Found by `scripts/fuzz config` (`[)`,
/// Tests/Fuzz/regressions/config-crash-*).
///
/// The scan follows toml++'s document level just far enough to know where a table header
/// starts: the first non-blank character of a line outside any array, inline table, string or
/// comment. A file toml++ rejects earlier for another reason may get this message instead of
/// toml++'s; a valid file never gets one.
enum TOMLPrecheck {
    /// The first table header that would abort the parser, as a `syntax` problem with its line
    /// and column (1-based, columns in Unicode scalars as toml++ counts them); nil when none.
    static func problem(in text: String) -> ConfigProblem? {
        var scalars = Array(text.unicodeScalars)
        // TOMLKit hands toml++ a C string: it ends at the first NUL.
        if let nul = scalars.firstIndex(of: "\0") { scalars.removeSubrange(nul...) }
        var scan = Scan(scalars: scalars)
        return scan.run()
    }

    /// The characters a key may start with in toml++ 3.x (TOML 1.0 bare keys, or a quote), or
    /// what toml++ itself rejects cleanly right after `[`: `]`, end of file.
    static func canStartKey(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'", "]": true
        default: false
        }
    }

    private struct Scan {
        let scalars: [Unicode.Scalar]
        var i = 0
        var line = 1
        var lineStart = 0
        var depth = 0          // open [ and { of values
        var atLineStart = true // only blanks so far on this line

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var column: Int { i - lineStart + 1 }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            i + offset < scalars.count ? scalars[i + offset] : nil
        }

        mutating func newline() {
            i += 1
            line += 1
            lineStart = i
            if depth == 0 { atLineStart = true }
        }

        mutating func run() -> ConfigProblem? {
            while let c = peek() {
                if atLineStart && depth == 0 {
                    if c == " " || c == "\t" { i += 1; continue }
                    atLineStart = false
                    if c == "[" {
                        if let problem = header() { return problem }
                        continue
                    }
                }
                switch c {
                case "\n": newline()
                case "#": skipComment()
                case "\"", "'": skipString(quote: c)
                case "[", "{": depth += 1; i += 1
                case "]", "}": depth = max(0, depth - 1); i += 1
                default: i += 1
                }
            }
            return nil
        }

        /// At the `[` of a table header: checks what follows `[` or `[[`, then moves past the
        /// header's name (quoted parts included) to its closing bracket.
        mutating func header() -> ConfigProblem? {
            i += 1
            var blanks = skipBlanks()
            if peek() == "[" {
                if blanks { return nil } // `[ [`: toml++ rejects it itself
                i += 1
                blanks = skipBlanks()
            }
            guard let c = peek() else { return nil }
            if !TOMLPrecheck.canStartKey(c) {
                let shown = c.properties.isWhitespace || c.value < 0x20 || c.value == 0x7F
                    ? "U+" + String(c.value, radix: 16, uppercase: true) : String(c)
                return ConfigProblem(
                    key: "syntax",
                    message: "a table header's name must start with a letter, digit, `_`, `-` or a quote, "
                        + "saw '\(shown)' at line \(line), column \(column) — this is not valid TOML")
            }
            while let c = peek(), c != "\n" {
                if c == "]" { i += 1; if peek() == "]" { i += 1 }; return nil }
                if c == "\"" || c == "'" { skipString(quote: c) } else { i += 1 }
            }
            return nil
        }

        mutating func skipBlanks() -> Bool {
            var any = false
            while let c = peek(), c == " " || c == "\t" { i += 1; any = true }
            return any
        }

        mutating func skipComment() {
            while let c = peek(), c != "\n" { i += 1 }
        }

        /// From an opening quote past the closing one: `"…"` (backslash escapes), `'…'`, and the
        /// multi-line `"""…"""` / `'''…'''`. A single-line string ends at the line's end at the
        /// latest (toml++ rejects it there).
        mutating func skipString(quote: Unicode.Scalar) {
            let basic = quote == "\""
            if peek(1) == quote && peek(2) == quote {
                i += 3
                while let c = peek() {
                    if basic && c == "\\" {
                        i += 1
                        if peek() == "\n" { newlineInString() } else { i += 1 }
                        continue
                    }
                    if c == quote && peek(1) == quote && peek(2) == quote {
                        i += 3
                        while peek() == quote { i += 1 } // up to two quotes may end the content
                        return
                    }
                    if c == "\n" { newlineInString() } else { i += 1 }
                }
                return
            }
            i += 1
            while let c = peek(), c != "\n" {
                i += 1
                if basic && c == "\\", let next = peek(), next != "\n" { i += 1; continue }
                if c == quote { return }
            }
        }

        /// A line break inside a multi-line string: counts the line, starts no statement.
        mutating func newlineInString() {
            i += 1
            line += 1
            lineStart = i
        }
    }
}
