import Synchronization
import VietnameseText

/// One word of a name, prepared once so that comparing it with thousands of candidates
/// costs byte comparisons, not Unicode work: the NFC text as written, its lowercase
/// form, the folded key (`VietnameseText.fold`) and a variant key that merges the
/// regional variants and common spelling confusions of DOMAIN.md §2.
///
/// A final class, not a struct: a word is shared by every registry person who bears
/// it and read in the candidate loop, where copying a struct of four buffers costs
/// four retains and four releases, a class reference one.
final class NameWord: Sendable, Hashable {
    /// NFC, as written (for evidence and corrections).
    let text: String
    /// NFC lowercase: equal means "exact" up to case.
    let lowered: String
    /// Diacritics removed, đ → d, lowercase, as bytes.
    let folded: [UInt8]
    /// `folded` with variant spellings merged (see `VariantKey`).
    let variant: [UInt8]
    /// True when the word carries any Vietnamese mark (a non-ASCII letter).
    let hasMarks: Bool
    /// `lowered`, `folded` and `variant` held in the word itself, for `compare` (see `InlineBytes`).
    private let loweredKey: InlineBytes
    private let foldedKey: InlineBytes
    private let variantKey: InlineBytes

    init(_ nfcWord: String) {
        text = nfcWord
        lowered = nfcWord.lowercased()
        folded = Array(VietnameseText.fold(nfcWord).utf8)
        variant = VariantKey.of(folded)
        hasMarks = nfcWord.utf8.contains { $0 >= 0x80 }
        loweredKey = InlineBytes(lowered.utf8)
        foldedKey = InlineBytes(folded)
        variantKey = InlineBytes(variant)
    }

    static func == (lhs: NameWord, rhs: NameWord) -> Bool { lhs === rhs || lhs.text == rhs.text }

    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// Splits cleaned text (NFC, single spaces) into words at its spaces, taking those `reusing`
    /// prepared before.
    static func words(of cleaned: String, reusing typed: TypedWords? = nil) -> [NameWord] {
        var cleaned = cleaned
        return cleaned.withUTF8 { bytes in
            var words: [NameWord] = []
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x20 {
                if end > start {
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    words.append(typed?.word(word) ?? NameWord(String(decoding: word, as: UTF8.self)))
                }
                start = end + 1
            }
            return words
        }
    }

    /// How this word agrees with `other`, from exact down to different.
    func compare(_ other: NameWord) -> NamePartLevel {
        // A variant key is never longer than its folded key: both fit when the folded keys do.
        guard foldedKey.fits, other.foldedKey.fits else { return compareArrays(other) }
        if foldedKey.equals(other.foldedKey) {
            // Equal bytes are equal text; other bytes may still be the same text in another form.
            return loweredKey.equals(other.loweredKey) || lowered == other.lowered ? .exact : .foldedEqual
        }
        if variantKey.equals(other.variantKey) { return .variant }
        let typo = foldedKey.withBytes { typed in other.foldedKey.withBytes { TypoDistance.isWithinBound(typed, $0) } }
        return typo ? .typo : .different
    }

    /// `compare` on the arrays: for words whose folded form is longer than `InlineBytes` holds,
    /// and the reference the tests hold `compare` to.
    func compareArrays(_ other: NameWord) -> NamePartLevel {
        if folded == other.folded { return lowered == other.lowered ? .exact : .foldedEqual }
        if variant == other.variant { return .variant }
        if TypoDistance.isWithinBound(folded, other.folded) { return .typo }
        return .different
    }
}

/// The words of the names of a run of records, each prepared once. Names repeat ("Nguyễn", "Thị" and
/// "Văn" are in most), and preparing a word (its lowercase, folded and variant keys) took a tenth of
/// deciding a record. A cache serves one thread at a time: a word the cores shared would have its
/// reference count changed by both, beside the candidate loop that reads it. Caches are lent out
/// (`withCache`) and kept between runs, so that a batch's records find the words of the batches before.
/// Unchecked `Sendable` because the idle list hands a cache from one thread to the next; `withCache`
/// lends each to one thread at a time.
final class TypedWords: @unchecked Sendable {
    private var words: [InlineBytes: NameWord] = [:]
    private static let maximumCount = 4_096
    /// Caches not lent out; more than the threads that decide records at once are not kept.
    private static let idle = Mutex<[TypedWords]>([])
    private static let maximumIdle = 16

    /// Runs `body` with a cache no other thread holds meanwhile.
    static func withCache<Result>(_ body: (TypedWords) -> Result) -> Result {
        let cache = idle.withLock { $0.popLast() } ?? TypedWords()
        defer { idle.withLock { if $0.count < maximumIdle { $0.append(cache) } } }
        return body(cache)
    }

    func word(_ bytes: UnsafeBufferPointer<UInt8>) -> NameWord {
        let key = InlineBytes(bytes)
        guard key.fits else { return NameWord(String(decoding: bytes, as: UTF8.self)) }
        if let word = words[key] { return word }
        if words.count >= Self.maximumCount { words.removeAll(keepingCapacity: true) }
        let word = NameWord(String(decoding: bytes, as: UTF8.self))
        words[key] = word
        return word
    }
}

/// The variant key of a folded word: regional variants (Hoàng/Huỳnh, Vũ/Võ) mapped to
/// one spelling, and the common confusions of DOMAIN.md §2 merged: i/y anywhere, and
/// initial tr/ch, s/x, d/gi/r, l/n. Hỏi/ngã disappear in folding already. Two words
/// with equal keys are "variant" level: weaker evidence than equal spellings.
enum VariantKey {
    private static let wholeWord: [[UInt8]: [UInt8]] = [
        Array("huynh".utf8): Array("hoang".utf8),
        Array("vo".utf8): Array("vu".utf8),
    ]

    static func of(_ folded: [UInt8]) -> [UInt8] {
        if let mapped = wholeWord[folded] { return mapped }
        var key = folded
        let t: UInt8 = 0x74, r: UInt8 = 0x72, c: UInt8 = 0x63, h: UInt8 = 0x68
        let g: UInt8 = 0x67, i: UInt8 = 0x69, d: UInt8 = 0x64, x: UInt8 = 0x78
        let s: UInt8 = 0x73, n: UInt8 = 0x6E, l: UInt8 = 0x6C, y: UInt8 = 0x79
        if key.count >= 2, key[0] == t, key[1] == r {
            key[0] = c; key[1] = h
        } else if key.count >= 3, key[0] == g, key[1] == i {
            key.replaceSubrange(0..<2, with: [d])
        } else if let first = key.first {
            switch first {
            case r: key[0] = d
            case x: key[0] = s
            case n where key.count < 2 || (key[1] != g && key[1] != h): key[0] = l
            default: break
            }
        }
        for index in key.indices where key[index] == y { key[index] = i }
        return key
    }
}
