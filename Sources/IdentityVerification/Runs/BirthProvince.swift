import CitizenID
import Foundation
import Synchronization
import VietnameseText

/// A learner's place of birth registration as the registry's 3-digit province code, so that a run
/// compares it as a file's `birth_province` is compared. Schools type the province's name ("Bắc Kạn",
/// "Tỉnh Bắc Kạn", "TP. Hồ Chí Minh", with or without marks) or its code; anything else, a district or
/// a new province's name that is not one of the 63 old ones included, gives no province rather than
/// a wrong one.
enum BirthProvince {
    private static let codeByFoldedName: [String: String] = Dictionary(
        ProvinceCodes.provinces.map { (key(VietnameseText.fold($0.name)), $0.code) }, uniquingKeysWith: { first, _ in first })

    /// Schools type a few hundred spellings of 63 names, and a run asks for each of its millions of
    /// people (folding the text took a twentieth of a run): each spelling's answer is kept.
    private static let known = Mutex<[String: String?]>([:])
    private static let knownCapacity = 10_000

    static func code(for place: String) -> String? {
        if let answer = known.withLock({ $0[place] }) { return answer }
        let answer = read(place)
        known.withLock { known in
            if known.count >= knownCapacity { known.removeAll(keepingCapacity: true) }
            known[place] = answer
        }
        return answer
    }

    private static func read(_ place: String) -> String? {
        let trimmed = place.trimmingCharacters(in: .whitespaces)
        if trimmed.utf8.count == 3, ProvinceCodes.name(for: trimmed) != nil { return trimmed }
        var folded = VietnameseText.fold(trimmed)
        for prefix in ["tinh ", "thanh pho ", "tp. ", "tp.", "tp "] where folded.hasPrefix(prefix) {
            folded.removeFirst(prefix.count)
            break
        }
        return codeByFoldedName[key(folded)]
    }

    /// Letters and digits only: "ba ria - vung tau" and "ba ria vung tau" are one name.
    private static func key(_ folded: String) -> String {
        String(folded.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}
