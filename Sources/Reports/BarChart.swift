/// A horizontal bar chart as inline SVG (no external service, no image files): one bar per
/// label, scaled to the largest value. Labels are XML-escaped.
public struct BarChart: Sendable, Hashable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Int
        public init(label: String, value: Int) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var bars: [Bar]

    public init(title: String, bars: [Bar]) {
        self.title = title
        self.bars = bars
    }

    static let labelWidth = 220, barWidth = 360, rowHeight = 24, top = 30

    /// Bar lengths in px for a drawing `barWidth` wide (also used by the digest template).
    public var lengths: [Int] {
        let peak = max(bars.map(\.value).max() ?? 0, 1)
        return bars.map { $0.value <= 0 ? 0 : max(2, $0.value * Self.barWidth / peak) }
    }

    /// The SVG element.
    public var svg: String {
        let height = Self.top + bars.count * Self.rowHeight + 10
        let width = Self.labelWidth + Self.barWidth + 50
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" role="img" aria-label="\(XLSXWriter.escape(title))" \
            font-family="Arial, Helvetica, sans-serif" font-size="13">
            <text x="0" y="18" font-weight="bold">\(XLSXWriter.escape(title))</text>

            """
        for (i, (bar, length)) in zip(bars, lengths).enumerated() {
            let y = Self.top + i * Self.rowHeight
            out += """
                <text x="\(Self.labelWidth - 6)" y="\(y + 16)" text-anchor="end">\(XLSXWriter.escape(bar.label))</text>\
                <rect x="\(Self.labelWidth)" y="\(y + 4)" width="\(length)" height="16" fill="#4a7ebb"/>\
                <text x="\(Self.labelWidth + length + 6)" y="\(y + 16)">\(bar.value)</text>

                """
        }
        return out + "</svg>"
    }
}
