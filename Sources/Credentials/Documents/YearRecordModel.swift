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
    let parts: [Part]

    /// One `AchievementCredential` of the record.
    struct Part {
        let id: String
        let shared: SharedAchievement
        /// The result's `value`.
        let value: String
    }
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
        fullCanonical = (try? CanonicalJSON.canonicalize(full)) ?? []
        minimalCanonical = (try? CanonicalJSON.canonicalize(minimal)) ?? []
    }

    func matches(_ school: SchoolProfile) -> Bool {
        full["id"]?.stringValue == school.did && full["name"]?.stringValue == school.name
            && full["otherIdentifier"]?.arrayValue?.first?["identifier"]?.stringValue == school.sectorCode
    }
}

/// What every learner's part for one subject (or decision) of one grade shares.
struct SharedAchievement {
    /// The OB 3.0 `Achievement`, with its `ResultDescription`.
    let achievement: JSONValue
    /// Its canonical text.
    let achievementCanonical: [UInt8]
    /// The `id` of the result description a result points at, if any.
    let resultDescriptionID: String?
    /// The part credential's `name`.
    let partName: String
    /// The texts it was made from, compared on every use so a cached entry never outlives them.
    let texts: [String]
}

/// Which shared achievement: a subject code or decision key, its result kind, and the grade.
/// ASCII codes only, which hash fast (Vietnamese names are compared, not hashed).
struct AchievementKey: Hashable {
    let part: String
    let variant: String
    let grade: Int
}
