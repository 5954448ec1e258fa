/// A horizontal stacked bar chart drawn as SVG on the server: no script, no library, a few
/// kilobytes, readable by screen readers through its title and the table the page puts beside it.
/// Inline in HTML, the SVG needs no namespace attribute, so the page names no outside address.
struct BarChart {
    struct Series {
        let label: String
        let color: String
    }

    struct Bar {
        let label: String
        let values: [Int]
    }

    let title: String
    let series: [Series]
    let bars: [Bar]

    static let width = 720
    static let labelWidth = 190
    static let barHeight = 18
    static let gap = 6

    func svg(id: String) -> String {
        let top = 28
        let height = top + bars.count * (Self.barHeight + Self.gap) + 8
        let largest = max(bars.map { $0.values.reduce(0, +) }.max() ?? 1, 1)
        let plotWidth = Double(Self.width - Self.labelWidth - 70)
        var parts: [String] = []
        parts.append("<svg viewBox=\"0 0 \(Self.width) \(height)\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id)-title\">")
        parts.append("<title id=\"\(id)-title\">\(HTML.escape(title))</title>")
        var legendX = Self.labelWidth
        for item in series {
            parts.append("<rect x=\"\(legendX)\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(item.color)\"/>")
            parts.append("<text x=\"\(legendX + 16)\" y=\"17\" font-size=\"12\">\(HTML.escape(item.label))</text>")
            legendX += 16 + item.label.count * 7 + 18
        }
        for (index, bar) in bars.enumerated() {
            let y = top + index * (Self.barHeight + Self.gap)
            parts.append("<text x=\"\(Self.labelWidth - 6)\" y=\"\(y + 13)\" font-size=\"12\" text-anchor=\"end\">\(HTML.escape(bar.label))</text>")
            var x = Double(Self.labelWidth)
            for (value, item) in zip(bar.values, series) where value > 0 {
                let width = plotWidth * Double(value) / Double(largest)
                parts.append(String(format: "<rect x=\"%.1f\" y=\"\(y)\" width=\"%.1f\" height=\"\(Self.barHeight)\" fill=\"\(item.color)\">", x, width)
                             + "<title>\(HTML.escape(bar.label)) · \(HTML.escape(item.label)): \(Self.grouped(value))</title></rect>")
                x += width
            }
            parts.append(String(format: "<text x=\"%.1f\" y=\"\(y + 13)\" font-size=\"12\">", x + 4) + Self.grouped(bar.values.reduce(0, +)) + "</text>")
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// 1234567 → "1.234.567": Vietnamese digit grouping, which also reads fine in English figures.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return out
    }
}
