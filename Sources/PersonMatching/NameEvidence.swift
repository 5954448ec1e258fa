extension NameComparison {
    /// What was repaired or differs, one short phrase each, in English.
    public var findingsEN: [String] {
        findings.map(\.en)
    }

    /// The same findings in Vietnamese.
    public var findingsVI: [String] {
        findings.map(\.vi)
    }

    /// "typed “Nguyen Van Duc”, registry “Nguyễn Văn Đức”: diacritics missing".
    public var evidenceEN: String {
        let head = "typed “\(typed)”, registry “\(registered)”"
        return findings.isEmpty ? head + ": identical" : head + ": " + findingsEN.joined(separator: "; ")
    }

    public var evidenceVI: String {
        let head = "nhập “\(typed)”, CSDL dân cư “\(registered)”"
        return findings.isEmpty ? head + ": trùng khớp" : head + ": " + findingsVI.joined(separator: "; ")
    }

    private var findings: [(en: String, vi: String)] {
        var out: [(en: String, vi: String)] = []
        if let legacyEncoding {
            let name = legacyEncoding == .tcvn3 ? "TCVN3 (ABC)" : "VNI"
            out.append(("typed in the legacy \(name) encoding", "gõ bằng bảng mã cũ \(name)"))
        }
        if wasDenormalised {
            out.append(("decomposed Unicode (NFD), stored as NFC", "Unicode tổ hợp (NFD), cần lưu dạng NFC"))
        }
        switch order {
        case .asRegistered: break
        case .familyLast: out.append(("family name typed last", "họ được gõ ở cuối"))
        case .givenFirst: out.append(("given name typed first", "tên được gõ ở đầu"))
        }
        let parts: [(MatchField, NamePartLevel)] = [
            (.familyName, familyName), (.middleName, middleName), (.givenName, givenName),
        ]
        if parts.contains(where: { $0.1 == .foldedEqual }) {
            out.append(diacriticsMissing
                ? ("diacritics missing", "thiếu dấu")
                : ("diacritics differ", "sai dấu"))
        }
        for (field, level) in parts {
            switch level {
            case .variant:
                out.append(("\(field.labelEN): regional variant or common misspelling",
                            "\(field.labelVI): biến thể vùng miền hoặc lỗi chính tả thường gặp"))
            case .typo:
                out.append(("\(field.labelEN): typing error", "\(field.labelVI): lỗi gõ"))
            case .partial:
                out.append(middleNameShorter
                    ? ("middle name dropped", "thiếu tên đệm")
                    : ("extra middle name", "thừa tên đệm"))
            case .different:
                out.append(("\(field.labelEN) differs", "\(field.labelVI) khác"))
            case .missing where field != .middleName:
                out.append(("\(field.labelEN) missing", "thiếu \(field.labelVI)"))
            default:
                break
            }
        }
        if out.isEmpty && typed != registered {
            out.append(("case or spacing only", "chỉ khác chữ hoa/khoảng trắng"))
        }
        return out
    }
}
