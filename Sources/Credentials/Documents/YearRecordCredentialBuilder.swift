import DataIntegrity

/// Builds year record credentials, remembering what records share: the year's
/// `Achievement` (with a `ResultDescription` per subject and decision) is the same for
/// every learner of a grade, rule set and list of subjects, and the issuer Profile is the
/// same for a whole school, so each is made once.
/// Not thread-safe by design: use one builder per thread.
public struct YearRecordCredentialBuilder: Sendable {
    /// Year achievements by what they are made from; a few dozen per school.
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
            clrContexts: (try? JCS.canonicalize(clrContexts)) ?? [],
            achievementContexts: (try? JCS.canonicalize(achievementContexts)) ?? [],
            clrSchema: (try? JCS.canonicalize(clrSchema)) ?? [])
    }

    /// The unsigned `ClrCredential` for `record`.
    public mutating func build(_ record: LearnerYearRecord) throws(YearRecordError) -> JSONValue {
        try model(record).json(clrContexts: clrContexts, achievementContexts: achievementContexts, clrSchema: clrSchema)
    }

    /// The canonical (JCS) text of `build(record)`, written directly without building the
    /// document: the batch signing path, where the stored form is the canonical text.
    public mutating func canonicalText(_ record: LearnerYearRecord) throws(YearRecordError) -> CanonicalCredential {
        let model = try model(record)
        return CanonicalCredential(document: model.canonical(constants: constants), context: clrContexts, issuer: model.issuer.did)
    }

    // MARK: Model

    private mutating func model(_ record: LearnerYearRecord) throws(YearRecordError) -> YearRecordModel {
        try validate(record)
        let id = YearRecordCredential.credentialID(
            learnerID: record.learnerID, schoolCode: record.school.sectorCode,
            schoolYearStart: record.schoolYearStart, version: record.version)
        let schoolYear = record.schoolYear

        var parts: [ResultPart] = []
        parts.reserveCapacity(record.subjects.count + 4)
        for subject in record.subjects + record.assessments {
            parts.append(try Self.subjectPart(subject))
            if let score = subject.testScore {
                parts.append(ResultPart(code: subject.code, name: "\(subject.nameVI): bài kiểm tra định kì cuối năm", variant: "kiem_tra",
                                        resultType: "RawScore", extra: [("valueMax", "10"), ("valueMin", "0")], value: score))
            }
        }
        let decisions: [(Rating?, String)] = [
            (record.conduct, "conduct"), (record.learningLevel, "learning_level"),
            (record.promotion, "promotion"), (record.award, "award"),
        ]
        for case let (rating?, key) in decisions {
            parts.append(try Self.ratingPart(rating, code: key, name: rating.scale.nameVI))
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
            partID: NameBasedUUID.urn(domain: "nemis:year-record-part", [id, "results"]),
            partName: "Kết quả học tập và rèn luyện lớp \(record.grade), năm học \(schoolYear)",
            achievement: yearAchievement(parts, grade: record.grade, ruleSet: record.ruleSet),
            values: parts.map(\.value))
    }

    private mutating func issuerProfile(_ school: SchoolProfile) -> IssuerProfile {
        if let issuer, issuer.matches(school) { return issuer }
        let made = IssuerProfile(school)
        issuer = made
        return made
    }

    // MARK: Results

    /// One result of the record: which subject or decision, how it is expressed, its value.
    private struct ResultPart {
        /// Subject code or decision key, e.g. "toan", "conduct".
        let code: String
        /// The name a reader sees, e.g. "Toán".
        let name: String
        /// How the result is expressed: "diem" (0–10 average), a rating scale's code, or
        /// "mien" (exempt). Part of the description's id, since each variant is described
        /// differently.
        let variant: String
        let resultType: String
        /// `valueMin`/`valueMax` or `allowedValue`, in JCS order.
        let extra: [(key: String, value: JSONValue)]
        let value: String
    }

    private static func subjectPart(_ subject: SubjectOutcome) throws(YearRecordError) -> ResultPart {
        switch subject.result {
        case .score(let score):
            return ResultPart(code: subject.code, name: subject.nameVI, variant: "diem", resultType: "GradePointAverage",
                              extra: [("valueMax", "10"), ("valueMin", "0")], value: score)
        case .rating(let rating):
            return try ratingPart(rating, code: subject.code, name: subject.nameVI)
        case .exempt:
            return ResultPart(code: subject.code, name: subject.nameVI, variant: "mien", resultType: "Result",
                              extra: [], value: "Miễn học")
        }
    }

    /// A rated result; `allowedValue` lists the scale's labels, lowest first (the order
    /// OB 3.0 asks for).
    private static func ratingPart(_ rating: Rating, code: String, name: String) throws(YearRecordError) -> ResultPart {
        guard let level = rating.scale.level(rating.levelCode) else {
            throw .unknownLevel(scale: rating.scale.code, code: rating.levelCode)
        }
        return ResultPart(code: code, name: name, variant: rating.scale.code, resultType: rating.scale.resultType,
                          extra: [("allowedValue", .array(rating.scale.levels.map { .string($0.labelVI) }))], value: level.labelVI)
    }

    /// The shared year `Achievement` for these results, made on first use.
    private mutating func yearAchievement(_ parts: [ResultPart], grade: Int, ruleSet: RuleSetReference) -> SharedAchievement {
        // Everything the achievement is made from, values excepted; names are part of it so
        // a renamed subject never reuses a stale description.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        for text in [String(grade), ruleSet.code, ruleSet.nameVI] + parts.flatMap({ [$0.code, $0.variant, $0.name] }) {
            bytes += text.utf8
            bytes.append(0x1F)
        }
        let key = AchievementKey(bytes: bytes)
        if let cached = achievements[key] { return cached }

        let ids = parts.map { Self.resultDescriptionID(ruleSet: ruleSet, grade: grade, code: $0.code, variant: $0.variant) }
        let descriptions: [JSONValue] = zip(parts, ids).map { part, id in
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(id)), ("name", .string(part.name)), ("resultType", .string(part.resultType)),
                ("type", ["ResultDescription"]),
            ]
            members += part.extra
            return .object(members.sorted { JCS.precedes($0.key, $1.key) })
        }
        let achievement: JSONValue = [
            "achievementType": "LearningProgram",
            "criteria": ["narrative": .string("Đánh giá theo \(ruleSet.nameVI).")],
            "description": .string("Kết quả các môn học, rèn luyện, lên lớp và khen thưởng cả năm lớp \(grade)."),
            "id": .string(NameBasedUUID.urn(domain: "nemis:achievement", ["year", ruleSet.code, String(grade)] + ids)),
            "inLanguage": "vi",
            "name": .string("Kết quả học tập và rèn luyện lớp \(grade)"),
            "resultDescription": .array(descriptions),
            "type": ["Achievement"],
        ]
        let made = SharedAchievement(
            achievement: achievement, achievementCanonical: (try? JCS.canonicalize(achievement)) ?? [],
            resultDescriptionIDs: ids)
        achievements[key] = made
        return made
    }

    /// A stable, readable id for what a result describes, the same in every record:
    /// `urn:nemis:tt22_2021:6:toan:diem` is the year average in mathematics of grade 6
    /// under Circular 22, so a reader can compare subjects across schools and years.
    static func resultDescriptionID(ruleSet: RuleSetReference, grade: Int, code: String, variant: String) -> String {
        "urn:nemis:\(ruleSet.code):\(grade):\(code):\(variant)"
    }

    // MARK: Validation

    private static func isURNSafe(_ code: String) -> Bool {
        !code.isEmpty && code.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
    }

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
        guard Self.isURNSafe(record.ruleSet.code) else { throw .invalidCode(record.ruleSet.code) }
        // A few dozen short ASCII codes: comparing them pairwise is cheaper than hashing.
        let codes = (record.subjects + record.assessments).map(\.code)
        for (index, code) in codes.enumerated() {
            guard !code.isEmpty else { throw .emptyField("subject code") }
            guard Self.isURNSafe(code) else { throw .invalidCode(code) }
            guard !codes[..<index].contains(where: { $0.utf8.elementsEqual(code.utf8) }) else { throw .duplicateSubject(code) }
        }
    }
}

/// The UTF-8 of everything a year achievement is made from, hashed in one call (hashing a
/// `String` normalises Vietnamese text first, and `[UInt8]` hashes byte by byte).
struct AchievementKey: Hashable {
    let bytes: [UInt8]

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// A credential's canonical (JCS) text, ready to sign, with where each top-level member
/// starts (so the proof can be spliced in without canonicalising again).
public struct CanonicalCredential: Sendable {
    /// The unsigned credential's canonical text and its members.
    public let document: CanonicalDocument
    /// The credential's `@context`, which the proof copies.
    public let context: JSONValue
    /// The credential's issuer id.
    public let issuer: String
}
