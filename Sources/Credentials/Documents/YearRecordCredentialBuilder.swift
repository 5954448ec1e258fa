import DataIntegrity

/// Builds year record credentials, remembering what records share: each `Achievement`
/// (with its `ResultDescription`) is the same for every learner of a grade, subject and rule
/// set, and the issuer Profile is the same for a whole school, so each is made once.
/// Not thread-safe by design: use one builder per thread.
public struct YearRecordCredentialBuilder: Sendable {
    /// Achievements by subject or decision, result kind and grade; a few dozen per school.
    private var achievements: [AchievementKey: SharedAchievement] = [:]
    /// The Profile of the last school seen (a batch has one issuer).
    private var issuer: IssuerProfile?
    /// This builder's own copies of the constant members. Values shared by every thread
    /// would have their reference counts updated from all cores at once, which stalls a
    /// batch on a many-core machine.
    private let clrContexts: JSONValue
    private let achievementContexts: JSONValue
    private let clrSchema: JSONValue
    private let constants: CanonicalConstants

    /// An empty builder.
    public init() {
        clrContexts = .array(CredentialVocabulary.clrContexts.arrayValue!.map { .string($0.stringValue!) })
        achievementContexts = .array(CredentialVocabulary.achievementContexts.arrayValue!.map { .string($0.stringValue!) })
        clrSchema = ["id": .string(CredentialVocabulary.clrSchema["id"]!.stringValue!), "type": "1EdTechJsonSchemaValidator2019"]
        constants = CanonicalConstants(
            clrContexts: (try? CanonicalJSON.canonicalize(clrContexts)) ?? [],
            achievementContexts: (try? CanonicalJSON.canonicalize(achievementContexts)) ?? [],
            clrSchema: (try? CanonicalJSON.canonicalize(clrSchema)) ?? [])
    }

    /// The unsigned `ClrCredential` for `record`.
    public mutating func build(_ record: LearnerYearRecord) throws(YearRecordError) -> JSONValue {
        try model(record).json(clrContexts: clrContexts, achievementContexts: achievementContexts, clrSchema: clrSchema)
    }

    /// The canonical (JCS) text of `build(record)`, written directly without building the
    /// document: the batch signing path, where the stored form is the canonical text.
    public mutating func canonicalText(_ record: LearnerYearRecord) throws(YearRecordError) -> CanonicalCredential {
        let model = try model(record)
        let (bytes, members) = model.canonical(constants: constants)
        return CanonicalCredential(bytes: bytes, topLevelMembers: members, context: clrContexts, issuer: model.issuer.did)
    }

    // MARK: Model

    private mutating func model(_ record: LearnerYearRecord) throws(YearRecordError) -> YearRecordModel {
        try validate(record)
        let id = YearRecordCredential.credentialID(
            learnerID: record.learnerID, schoolCode: record.school.sectorCode,
            schoolYearStart: record.schoolYearStart, version: record.version)
        let schoolYear = record.schoolYear
        let texts = Texts(ruleSet: record.ruleSet, schoolYear: schoolYear, grade: record.grade)

        var parts: [YearRecordModel.Part] = []
        parts.reserveCapacity(record.subjects.count + 4)
        for subject in record.subjects {
            let (shared, value) = try subjectAchievement(subject, texts)
            parts.append(.init(id: Self.partID(id, "subject:" + subject.code), shared: shared, value: value))
        }
        let decisions: [(Rating?, String, String)] = [
            (record.conduct, "conduct", "Assessment"),
            (record.learningLevel, "learning_level", "Assessment"),
            (record.promotion, "promotion", "ext:PromotionDecision"),
            (record.award, "award", "Award"),
        ]
        for case let (rating?, key, achievementType) in decisions {
            let (shared, value) = try ratingAchievement(rating, key: key, achievementType: achievementType, texts)
            parts.append(.init(id: Self.partID(id, key), shared: shared, value: value))
        }

        let classText = record.className.map { ", lớp \($0)" } ?? ""
        return YearRecordModel(
            id: id,
            subjectID: NameBasedUUID.urn(domain: "nemis:year-record-subject", [id]),
            hashedIdentifier: HashedIdentifier(identifier: record.citizenID, salt: record.identifierSalt),
            learnerName: record.learnerName.flatMap { $0.isEmpty ? nil : $0 },
            issuer: issuerProfile(record.school),
            name: "Học bạ số lớp \(record.grade), năm học \(schoolYear)",
            description: "Kết quả học tập và rèn luyện năm học \(schoolYear), khối \(record.grade)\(classText), "
                + "\(record.school.name); đánh giá theo \(record.ruleSet.nameVI).",
            validFrom: DateTimeStamp.format(record.validFrom),
            validUntil: record.validUntil.map { DateTimeStamp.format($0) },
            status: record.status,
            term: schoolYear,
            parts: parts)
    }

    private static func partID(_ credentialID: String, _ key: String) -> String {
        NameBasedUUID.urn(domain: "nemis:year-record-part", [credentialID, key])
    }

    private mutating func issuerProfile(_ school: SchoolProfile) -> IssuerProfile {
        if let issuer, issuer.matches(school) { return issuer }
        let made = IssuerProfile(school)
        issuer = made
        return made
    }

    // MARK: Shared achievements

    /// The record-wide texts an achievement is made from.
    private struct Texts {
        let ruleSet: RuleSetReference
        let schoolYear: String
        let grade: Int
    }

    private mutating func subjectAchievement(_ subject: SubjectOutcome, _ texts: Texts) throws(YearRecordError) -> (SharedAchievement, String) {
        let idKey = ["subject", texts.ruleSet.code, String(texts.grade), subject.code]
        let value: String
        let variant: String
        let description: () -> JSONValue?
        switch subject.result {
        case .score(let score):
            value = score
            variant = "score"
            description = {
                Self.resultDescription(
                    key: idKey + ["year_average"], name: "Điểm trung bình môn cả năm (thang điểm 10)",
                    resultType: "GradePointAverage", extra: [("valueMin", "0"), ("valueMax", "10")])
            }
        case .rating(let rating):
            guard let level = rating.scale.level(rating.levelCode) else {
                throw .unknownLevel(scale: rating.scale.code, code: rating.levelCode)
            }
            value = level.labelVI
            variant = "rating:" + rating.scale.code
            description = { Self.ratingDescription(rating.scale, key: idKey) }
        case .exempt:
            value = "Miễn học"
            variant = "exempt"
            description = { nil }
        }
        let shared = achievement(AchievementKey(part: subject.code, variant: variant, grade: texts.grade), name: subject.nameVI, texts) {
            Made(idKey: idKey, type: "Course", name: "\(subject.nameVI) lớp \(texts.grade)", humanCode: subject.code,
                 description: "Môn \(subject.nameVI) lớp \(texts.grade), kết quả cả năm.", result: description())
        }
        return (shared, value)
    }

    private mutating func ratingAchievement(
        _ rating: Rating, key: String, achievementType: String, _ texts: Texts
    ) throws(YearRecordError) -> (SharedAchievement, String) {
        guard let level = rating.scale.level(rating.levelCode) else {
            throw .unknownLevel(scale: rating.scale.code, code: rating.levelCode)
        }
        let variant = rating.scale.code + "/" + achievementType
        let shared = achievement(AchievementKey(part: key, variant: variant, grade: texts.grade), name: rating.scale.nameVI, texts) {
            let idKey = [key, texts.ruleSet.code, String(texts.grade), rating.scale.code]
            return Made(idKey: idKey, type: achievementType, name: "\(rating.scale.nameVI) lớp \(texts.grade)", humanCode: key,
                        description: "\(rating.scale.nameVI) lớp \(texts.grade).",
                        result: Self.ratingDescription(rating.scale, key: idKey))
        }
        return (shared, level.labelVI)
    }

    /// What an achievement is made of.
    private struct Made {
        let idKey: [String]
        let type: String
        let name: String
        let humanCode: String
        let description: String
        let result: JSONValue?
    }

    /// The shared `Achievement` for `key`, made on first use, and made again when the texts
    /// it was made from (`name`, the rule set, the school year) differ.
    private mutating func achievement(_ key: AchievementKey, name: String, _ texts: Texts, _ make: () -> Made) -> SharedAchievement {
        let inputs = [name, texts.ruleSet.code, texts.ruleSet.nameVI, texts.schoolYear]
        if let cached = achievements[key], cached.texts == inputs { return cached }
        let parts = make()
        var members: [(key: String, value: JSONValue)] = [
            ("achievementType", .string(parts.type)),
            ("criteria", ["narrative": .string("Đánh giá theo \(texts.ruleSet.nameVI).")]),
            ("description", .string(parts.description)),
            ("humanCode", .string(parts.humanCode)),
            ("id", .string(NameBasedUUID.urn(domain: "nemis:achievement", parts.idKey))),
            ("inLanguage", "vi"),
            ("name", .string(parts.name)),
        ]
        if let result = parts.result { members.append(("resultDescription", [result])) }
        members.append(("type", ["Achievement"]))
        let achievement = JSONValue.object(members)
        let made = SharedAchievement(
            achievement: achievement,
            achievementCanonical: (try? CanonicalJSON.canonicalize(achievement)) ?? [],
            resultDescriptionID: parts.result?["id"]?.stringValue,
            partName: "\(parts.name), năm học \(texts.schoolYear)",
            texts: inputs)
        achievements[key] = made
        return made
    }

    /// A `ResultDescription` whose `allowedValue` lists the scale's labels, lowest first (the
    /// order OB 3.0 asks for). Rubric levels with their own ids would add four objects per
    /// rating to every record for no information a reader lacks.
    private static func ratingDescription(_ scale: RatingScale, key: [String]) -> JSONValue {
        resultDescription(
            key: key + [scale.code], name: scale.nameVI, resultType: scale.resultType,
            extra: [("allowedValue", .array(scale.levels.map { .string($0.labelVI) }))])
    }

    private static func resultDescription(key: [String], name: String, resultType: String, extra: [(String, JSONValue)]) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(NameBasedUUID.urn(domain: "nemis:result-description", key))),
            ("name", .string(name)),
            ("resultType", .string(resultType)),
            ("type", ["ResultDescription"]),
        ]
        members += extra.map { (key: $0.0, value: $0.1) }
        // Made once per grade and subject, so sorting here costs nothing per record.
        return .object(members.sorted { JCS.precedes($0.key, $1.key) })
    }

    // MARK: Validation

    private mutating func validate(_ record: LearnerYearRecord) throws(YearRecordError) {
        if record.learnerID.isEmpty { throw .emptyField("learnerID") }
        if record.citizenID.isEmpty { throw .emptyField("citizenID") }
        if record.identifierSalt.isEmpty { throw .emptyField("identifierSalt") }
        if record.school.name.isEmpty { throw .emptyField("school name") }
        if record.school.sectorCode.isEmpty { throw .emptyField("school sector code") }
        guard (1...12).contains(record.grade) else { throw .gradeOutOfRange(record.grade) }
        guard record.version >= 1 else { throw .invalidVersion(record.version) }
        if issuer?.did != record.school.did {
            guard (try? DIDKey(parsing: record.school.did)) != nil else { throw .issuerNotDIDKey(record.school.did) }
        }
        if let until = record.validUntil, until <= record.validFrom { throw .validUntilNotAfterValidFrom }
        guard record.status.statusListIndex >= 0 else { throw .invalidStatusIndex(record.status.statusListIndex) }
        var seen = Set<String>()
        for subject in record.subjects {
            guard !subject.code.isEmpty else { throw .emptyField("subject code") }
            guard seen.insert(subject.code).inserted else { throw .duplicateSubject(subject.code) }
        }
    }
}

/// A credential's canonical (JCS) text, ready to sign, with where each top-level member
/// starts (so the proof can be spliced in without canonicalising again).
public struct CanonicalCredential: Sendable {
    /// The unsigned credential's canonical UTF-8 text.
    public let bytes: [UInt8]
    /// Top-level member names and the offsets of their keys in `bytes`.
    public let topLevelMembers: [(key: String, offset: Int)]
    /// The credential's `@context`, which the proof copies.
    public let context: JSONValue
    /// The credential's issuer id.
    public let issuer: String
}
