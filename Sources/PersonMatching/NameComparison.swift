import VietnameseText

/// The overall verdict on two names, for people reading a decision (DOMAIN.md §2).
public enum NameLevel: String, Sendable, Codable, Hashable, CaseIterable {
    /// Same text after NFC and whitespace cleaning.
    case exact
    /// Same after folding: case, missing or wrong diacritics, NFD, legacy encoding.
    case equalAfterFolding
    /// The parts agree once the family name is put back in front.
    case orderSwapped
    /// A middle name dropped or added; family and given names agree.
    case middleNameDropped
    /// A regional variant (Hoàng/Huỳnh, Vũ/Võ) or common misspelling (i/y, tr/ch…).
    case variant
    /// A small typing error on the folded name.
    case typo
    case different
}

/// A typed name compared with a registry name: the verdict, each part's level, and
/// every repair that was needed, so the school can be told what to correct.
public struct NameComparison: Sendable, Hashable {
    public let level: NameLevel
    public let familyName: NamePartLevel
    public let middleName: NamePartLevel
    public let givenName: NamePartLevel
    public let order: NameOrder
    /// The legacy encoding the typed name was decoded from, if any.
    public let legacyEncoding: LegacyEncoding?
    /// True when the typed name was not NFC (NFD from another system).
    public let wasDenormalised: Bool
    /// True when the typed part(s) that fold equal lacked diacritics entirely.
    public let diacriticsMissing: Bool
    /// True when the middle part has fewer typed words than registered.
    public let middleNameShorter: Bool
    /// The typed name, cleaned and decoded; the registry name.
    public let typed: String
    public let registered: String

    /// True when only case and spacing differ: normalisation, not a correction.
    public var agreesAfterNormalisation: Bool {
        familyName == .exact && middleName == .exact && givenName == .exact
            && order == .asRegistered && legacyEncoding == nil && !wasDenormalised
    }

    /// True when the names agree once the school's text is repaired in ways that are
    /// corrections (encoding, NFC, diacritics, order, a dropped middle name, regional
    /// variant) rather than a different name.
    public var agreesAfterRepair: Bool {
        let partsAgree = [familyName, givenName].allSatisfy { $0.agrees || $0 == .variant }
        let middleAgrees = middleName.agrees || middleName == .variant || middleName == .partial
        return partsAgree && middleAgrees
    }

    init(typed name: TypedName, registry: RegistryName) {
        let (alignment, reading) = name.bestAlignment(with: registry)
        let words = reading?.words ?? name.words
        familyName = alignment.family
        middleName = alignment.middle
        givenName = alignment.given
        order = alignment.order
        legacyEncoding = reading?.encoding ?? name.legacyEncoding
        wasDenormalised = name.wasDenormalised
        typed = reading?.cleaned ?? name.cleaned
        let registered = registry.fullName
        self.registered = registered
        let ranges = NameAlignment.ranges(
            order: order, typedCount: words.count,
            familyCount: registry.family.count, givenCount: registry.given.count)
        let folded: [Range<Int>] = [
            familyName == .foldedEqual ? ranges.family : 0..<0,
            middleName == .foldedEqual ? ranges.middle : 0..<0,
            givenName == .foldedEqual ? ranges.given : 0..<0,
        ]
        let foldedWords = folded.flatMap { words[$0] }
        diacriticsMissing = !foldedWords.isEmpty && foldedWords.allSatisfy { !$0.hasMarks }
        middleNameShorter = ranges.middle.count < registry.middle.count
        level = NameComparison.verdict(
            family: familyName, middle: middleName, given: givenName, order: order,
            textEqual: typed == registered && !wasDenormalised && legacyEncoding == nil)
    }

    public init(typed: String, familyName: String, middleName: String, givenName: String) {
        self.init(typed: TypedName(typed), registry: RegistryName(family: familyName, middle: middleName, given: givenName))
    }

    private static func verdict(
        family: NamePartLevel, middle: NamePartLevel, given: NamePartLevel, order: NameOrder, textEqual: Bool
    ) -> NameLevel {
        let parts = [family, middle, given]
        if family == .different || family == .missing || given == .different || given == .missing
            || middle == .different {
            return .different
        }
        if parts.contains(.typo) { return .typo }
        if parts.contains(.variant) { return .variant }
        if order != .asRegistered { return .orderSwapped }
        if middle == .partial { return .middleNameDropped }
        return textEqual ? .exact : .equalAfterFolding
    }
}
