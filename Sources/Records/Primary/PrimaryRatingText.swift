import Foundation
import Grading
import Platform
import VietnameseText

/// Reading the ratings teachers type: the stored code, the abbreviation school software and
/// paper registers use, or the label, with or without diacritics, in any case.
enum PrimaryRatingText {
    /// Hoàn thành tốt (HTT, T), Hoàn thành (HT, H), Chưa hoàn thành (CHT, C).
    static func subjectRating(_ text: String) -> PrimarySubjectRating? {
        switch VietnameseText.fold(text).replacingOccurrences(of: "_", with: " ") {
        case "htt", "t", "hoan thanh tot": .hoanThanhTot
        case "ht", "h", "hoan thanh": .hoanThanh
        case "cht", "c", "chua hoan thanh": .chuaHoanThanh
        default: nil
        }
    }

    /// Tốt (T), Đạt (Đ, D), Cần cố gắng (CCG, C).
    static func competencyRating(_ text: String) -> CompetencyRating? {
        switch VietnameseText.fold(text).replacingOccurrences(of: "_", with: " ") {
        case "t", "tot": .tot
        case "d", "dat": .dat
        case "c", "ccg", "can co gang": .canCoGang
        default: nil
        }
    }

    /// A teacher's comment as stored: NFC, trimmed, at most `commentLimit` characters.
    static func comment(_ text: String?, field: String, errors: inout ValidationCollector) -> String? {
        guard let text else { return nil }
        let cleaned = VietnameseText.nfc(text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cleaned.isEmpty else { return nil }
        if cleaned.count > commentLimit {
            errors.add(field, "primary.commentTooLong", "the comment has \(cleaned.count) characters; at most \(commentLimit) are kept")
        }
        return cleaned
    }

    static let commentLimit = 1000
}
