import CitizenID
import Foundation
import Platform
import VietnameseText

/// Turns the text of a cell into the value the API takes, repairing what spreadsheets do to data
/// (DOMAIN.md §1.5, §2): IDs without their leading zeros, dates as Excel day numbers or in ISO
/// form, day and month typed the US way, stray spaces, NFD and legacy TCVN3/VNI text.
enum CellCleaner {
    static func read(_ raw: String, as value: BulkValue) -> CellReading {
        let trimmed = VietnameseText.clean(raw)
        if trimmed.isEmpty { return .blank }
        switch value {
        case .code: return code(trimmed)
        case .fixedDigits(let count): return fixedDigits(trimmed, count: count)
        case .text, .personName: return text(trimmed)
        case .citizenID: return citizenID(raw)
        case .date: return date(trimmed)
        case .year: return year(trimmed)
        case .schoolYear: return schoolYear(trimmed)
        case .phone: return phone(trimmed)
        case .email: return email(trimmed)
        case .choice(let vocabulary): return choice(trimmed, vocabulary)
        case .list(let vocabulary): return list(trimmed, vocabulary)
        }
    }

    private static func code(_ text: String) -> CellReading {
        // A numeric code typed in a number-formatted cell comes back as "12.0".
        .ok(.text(withoutDecimalSuffix(text).uppercased()))
    }

    private static func fixedDigits(_ text: String, count: Int) -> CellReading {
        let digits = withoutDecimalSuffix(text).filter { $0 != " " }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), digits.count <= count else {
            return .refused(ImportReason("digits.invalid", vi: "Phải gồm đúng \(count) chữ số", en: "must be exactly \(count) digits"))
        }
        guard digits.count < count else { return .ok(.text(digits)) }
        let padded = String(repeating: "0", count: count - digits.count) + digits
        return .ok(.text(padded), repaired: ImportReason("digits.leadingZerosRestored", vi: "Đã bổ sung số 0 ở đầu bị bảng tính làm mất",
                                                         en: "leading zeros dropped by a spreadsheet were restored"))
    }

    private static func text(_ text: String) -> CellReading {
        let repaired = LegacyVietnamese.repairIfLegacy(text)
        guard let encoding = repaired.encoding else { return .ok(.text(text)) }
        return .ok(.text(VietnameseText.clean(repaired.text)),
                   repaired: ImportReason("text.legacyEncoding", vi: "Đã chuyển từ bảng mã \(encoding.rawValue.uppercased()) sang Unicode",
                                          en: "converted from the legacy \(encoding.rawValue.uppercased()) encoding to Unicode"))
    }

    private static func citizenID(_ raw: String) -> CellReading {
        let repair = CitizenID.repair(raw)
        guard let id = repair.citizenID else {
            let error = repair.error ?? .empty
            return .refused(ImportReason(error.code, vi: error.messageVI, en: error.messageEN))
        }
        let meaningful = repair.fixes.contains { if case .restoredLeadingZeros = $0 { true } else { $0 == .expandedScientificNotation } }
        guard meaningful else { return .ok(.text(id.digits)) }
        return .ok(.text(id.digits), repaired: ImportReason("citizenId.repaired", vi: repair.fixes.map(\.messageVI).joined(separator: ", "),
                                                            en: repair.fixes.map(\.messageEN).joined(separator: ", ")))
    }

    /// `dd/mm/yyyy` (also with `-` or `.`), ISO `yyyy-mm-dd` (how an XLSX date cell reads), or an
    /// Excel day number. A text that is a date only when read month first was typed by a US-locale
    /// Excel: it is read that way, and said so.
    static func date(_ text: String) -> CellReading {
        let refused = CellReading.refused(ImportReason("date.invalid", vi: "Ngày không hợp lệ; viết dạng dd/mm/yyyy",
                                                       en: "not a date; write it as dd/mm/yyyy"))
        if let number = Int(withoutDecimalSuffix(text)), (1_900...2_100).contains(number) {
            // Also Excel's day numbers of 1905: but a school's file holds a year typed alone far more
            // often than a date of 1905, and reading it as a day would store a wrong date silently.
            return .refused(ImportReason(
                "date.yearOnly", vi: "Chỉ có năm (\(number)); cần ngày đầy đủ dạng dd/mm/yyyy",
                en: "only the year (\(number)); the full date is needed, as dd/mm/yyyy"))
        }
        if let serial = Int(withoutDecimalSuffix(text)), (1...2_958_465).contains(serial) {
            // Excel's 1900 date system counts 1900-02-29, which never was: day numbers from
            // 61 (1900-03-01) on are one day ahead of the real calendar, and no pupil is older.
            guard serial >= 61, let date = CivilDate(daysSinceEpoch: serial - 25_569) else { return refused }
            return .ok(.text(date.description), repaired: ImportReason(
                "date.excelSerial", vi: "Ngày được lưu dạng số của Excel (\(serial)); đã đọc thành \(BulkDate.format(date))",
                en: "the date was stored as Excel's day number \(serial); read as \(date)"))
        }
        let head = text.split(separator: "T", maxSplits: 1).first.map(String.init) ?? text
        if let iso = CivilDate(iso: head) { return .ok(.text(iso.description)) }
        guard let (first, second, year) = numberedDate(text) else { return refused }
        if let date = CivilDate(year: year, month: second, day: first) { return .ok(.text(date.description)) }
        if let swapped = CivilDate(year: year, month: first, day: second) {
            return .ok(.text(swapped.description), repaired: ImportReason(
                "date.dayMonthSwapped", vi: "Tháng lớn hơn 12: ngày và tháng bị đảo (kiểu Mỹ); đã đọc thành \(BulkDate.format(swapped))",
                en: "the month is above 12, so day and month were swapped (US order); read as \(swapped)"))
        }
        return refused
    }

    /// The numbers of a date written `d/m/yyyy` (or with `-` or `.`), in the order written.
    static func numberedDate(_ text: String) -> (first: Int, second: Int, year: Int)? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              let first = Int(parts[0]), let second = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        return (first, second, year)
    }

    private static func year(_ text: String) -> CellReading {
        guard let year = Int(withoutDecimalSuffix(text)), (1900...2100).contains(year) else {
            return .refused(ImportReason("year.invalid", vi: "Năm phải gồm 4 chữ số, ví dụ 1985", en: "a year has 4 digits, e.g. 1985"))
        }
        return .ok(.number(year))
    }

    private static func schoolYear(_ text: String) -> CellReading {
        let years = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "–" || $0 == " " }).compactMap { Int($0) }
        guard years.count == 2, (1900...2100).contains(years[0]), years[1] == years[0] + 1 else {
            return .refused(ImportReason("schoolYear.invalid", vi: "Năm học viết dạng 2026-2027", en: "a school year is written like 2026-2027"))
        }
        return .ok(.text("\(years[0])-\(years[1])"))
    }

    /// A mobile number has 10 digits (03…, 05…, 07…, 08…, 09…), a landline 11 (02 and the area
    /// code); both start with 0, which a number-formatted cell drops.
    private static func phone(_ text: String) -> CellReading {
        var digits = withoutDecimalSuffix(text).filter { !" .-()".contains($0) }
        if digits.hasPrefix("+84") { digits = "0" + digits.dropFirst(3) } else if digits.hasPrefix("84"), digits.count == 11 { digits = "0" + digits.dropFirst(2) }
        let refused = CellReading.refused(ImportReason("phone.invalid", vi: "Số điện thoại gồm 10 chữ số (di động) hoặc 11 chữ số (cố định), bắt đầu bằng 0",
                                                       en: "a phone number has 10 digits (mobile) or 11 (landline) and starts with 0"))
        guard digits.allSatisfy(\.isASCIIDigit) else { return refused }
        if !digits.hasPrefix("0"), digits.count == 9 || (digits.count == 10 && digits.hasPrefix("2")) {
            return .ok(.text("0" + digits), repaired: ImportReason("phone.leadingZeroRestored", vi: "Đã bổ sung số 0 ở đầu bị bảng tính làm mất",
                                                                  en: "the leading zero dropped by a spreadsheet was restored"))
        }
        let valid = digits.hasPrefix("0") && (digits.count == 10 && !digits.hasPrefix("02") || digits.count == 11 && digits.hasPrefix("02"))
        return valid ? .ok(.text(digits)) : refused
    }

    private static func email(_ text: String) -> CellReading {
        let address = text.lowercased()
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !address.contains(" ") else {
            return .refused(ImportReason("email.invalid", vi: "Địa chỉ thư điện tử không hợp lệ", en: "not an email address"))
        }
        return .ok(.text(address))
    }

    private static func choice(_ text: String, _ vocabulary: Vocabulary) -> CellReading {
        guard let value = vocabulary.value(for: text) else { return .refused(notInVocabulary(vocabulary)) }
        return .ok(.text(value))
    }

    private static func list(_ text: String, _ vocabulary: Vocabulary?) -> CellReading {
        let items = text.split(separator: ";").map { VietnameseText.clean(String($0)) }.filter { !$0.isEmpty }
        guard let vocabulary else { return .ok(.list(items)) }
        var values: [String] = []
        for item in items {
            guard let value = vocabulary.value(for: item) else { return .refused(notInVocabulary(vocabulary)) }
            if !values.contains(value) { values.append(value) }
        }
        return .ok(.list(values))
    }

    private static func notInVocabulary(_ vocabulary: Vocabulary) -> ImportReason {
        ImportReason("\(vocabulary.name).invalid", vi: "Giá trị phải là: \(vocabulary.labelsVI)",
                     en: "must be one of: \(vocabulary.entries.map(\.label).joined(separator: ", "))")
    }

    /// `12.0` → `12`: how a whole number typed into a number-formatted cell can come back.
    private static func withoutDecimalSuffix(_ text: String) -> String {
        guard let dot = text.firstIndex(of: "."), text[text.index(after: dot)...].allSatisfy({ $0 == "0" }),
              !text[..<dot].isEmpty, text[..<dot].allSatisfy(\.isASCIIDigit) else { return text }
        return String(text[..<dot])
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
