import DataIntegrity

/// Everything one year record credential states, resolved to final values: ids derived,
/// texts composed, shared achievements looked up. The `JSONValue` document and the
/// canonical text are both rendered from it, so the two cannot disagree about content.
struct YearRecordModel {
    let id: String
    /// The learner's opaque id on the `ClrSubject` and on every part's subject.
    let subjectID: String
    /// The hashed citizen ID, and the name if shown: the `ClrSubject`'s `IdentityObject`s.
    let hashedIdentifier: HashedIdentifier
    let learnerName: String?
    let issuer: IssuerProfile
    let name: String
    let description: String
    let validFrom: String
    let validUntil: String?
    let status: BitstringStatusListEntry
    let term: String
    /// The one `AchievementCredential` inside the record: its id and name.
    let partID: String
    let partName: String
    /// The year's `Achievement`, with one `ResultDescription` per subject and decision.
    let achievement: SharedAchievement
    /// The results' values, in the order of `achievement.resultDescriptionIDs`.
    let values: [String]
}

/// The issuing school's Profile, rendered once per school.
struct IssuerProfile {
    let did: String
    /// The full Profile, on the record credential.
    let full: JSONValue
    /// The minimal Profile OB 3.0 requires (`id`, `type`), on each part: the record states
    /// the name and school code once.
    let minimal: JSONValue
    /// Canonical text of the two, for the canonical rendering.
    let fullCanonical: [UInt8]
    let minimalCanonical: [UInt8]

    init(_ school: SchoolProfile) {
        did = school.did
        full = [
            "id": .string(school.did),
            "name": .string(school.name),
            "otherIdentifier": [[
                "identifier": .string(school.sectorCode),
                "identifierType": .string(YearRecordVocabulary.schoolCodeIdentifierType),
                "type": "IdentifierEntry",
            ]],
            "type": ["Profile"],
        ]
        minimal = ["id": .string(school.did), "type": ["Profile"]]
        // These values hold no numbers or duplicate names, so canonicalising cannot fail.
        fullCanonical = (try? JCS.canonicalize(full)) ?? []
        minimalCanonical = (try? JCS.canonicalize(minimal)) ?? []
    }

    func matches(_ school: SchoolProfile) -> Bool {
        full["id"]?.stringValue == school.did && full["name"]?.stringValue == school.name
            && full["otherIdentifier"]?.arrayValue?.first?["identifier"]?.stringValue == school.sectorCode
    }
}

/// The year's `Achievement`: what every learner of one grade, rule set and list of
/// subjects and decisions shares, so a batch makes it once per such list.
struct SharedAchievement {
    /// The OB 3.0 `Achievement` with its `ResultDescription`s.
    let achievement: JSONValue
    /// Its canonical text.
    let achievementCanonical: [UInt8]
    /// The `id` of each result description, in the order of the record's results.
    let resultDescriptionIDs: [String]
}
