import Foundation

/// `application/x-www-form-urlencoded` bodies (HTML forms, OAuth token requests).
public enum FormBody {
    /// Pairs without a name are skipped; a repeated name keeps its last value.
    public static func parse(_ text: String) -> [String: String] {
        var form: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first, !name.isEmpty else { continue }
            form[name] = parts.count > 1 ? parts[1] : ""
        }
        return form
    }
}
