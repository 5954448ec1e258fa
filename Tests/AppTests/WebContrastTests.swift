import Foundation
import Testing

/// WCAG 2.1 AA asks 4.5:1 between text and its background. The pairs are read from the stylesheet
/// the pages actually serve, so a colour changed there is checked here.
@Suite("Web pages: colour contrast")
struct WebContrastTests {
    /// Which text colour (a selector's `color`) stands on which background (a selector's
    /// `background`, or white for a table or card).
    static let pairs: [(text: String, background: String)] = [
        ("body", "body"), ("a", "body"), ("a", "table"), ("a", "thead th"), ("body", "thead th"),
        ("header", "header"), ("header a", "header"), (".skip", ".skip"),
        (".error", "body"), (".error", "table"), ("body", ".bad"), (".muted", "body"), (".muted", "table"), (".ok", "body"),
    ]

    @Test(arguments: Engine.allCases.prefix(1))
    func everyTextColourHasAtLeast4Point5To1(engine: Engine) async throws {
        try await withApp(engine) { api in
            let page = try await api.call(.get, "/verify")
            let css = String(try #require(page.text.firstMatch(of: /<style>([\s\S]*?)<\/style>/)?.1))
            let rules = Self.rules(css)
            for (text, background) in Self.pairs {
                let foreground = try #require(rules[text]?["color"], "\(text) has a colour")
                let behind = try #require(rules[background]?["background"], "\(background) has a background")
                let ratio = Self.contrast(try #require(Self.rgb(foreground)), try #require(Self.rgb(behind)))
                #expect(ratio >= 4.5, "\(text) (\(foreground)) on \(background) (\(behind)): \(ratio)")
            }
        }
    }

    /// Selector → property → value, for the simple rules of the stylesheet (comma-separated
    /// selectors each get the declarations).
    static func rules(_ css: String) -> [String: [String: String]] {
        var rules: [String: [String: String]] = [:]
        for match in css.matches(of: /([^{}]+)\{([^{}]*)\}/) {
            var declarations: [String: String] = [:]
            for declaration in match.2.split(separator: ";") {
                let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                if parts.count == 2 { declarations[parts[0]] = parts[1] }
            }
            for selector in match.1.split(separator: ",") {
                rules[selector.trimmingCharacters(in: .whitespacesAndNewlines), default: [:]].merge(declarations) { _, new in new }
            }
        }
        return rules
    }

    /// `#rrggbb` or `#rgb`.
    static func rgb(_ text: String) -> (Double, Double, Double)? {
        guard text.hasPrefix("#") else { return nil }
        let digits = text.count == 4 ? text.dropFirst().map { "\($0)\($0)" }.joined() : String(text.dropFirst())
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return nil }
        return (Double(value >> 16 & 255), Double(value >> 8 & 255), Double(value & 255))
    }

    /// WCAG 2.1's relative luminance and contrast ratio.
    static func contrast(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        func luminance(_ c: (Double, Double, Double)) -> Double {
            func channel(_ v: Double) -> Double {
                let s = v / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
        }
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }
}
