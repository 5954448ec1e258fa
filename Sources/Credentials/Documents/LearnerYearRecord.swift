import DataIntegrity
import Foundation

/// Everything a signed year record (học bạ số for one school year) states, in plain values.
///
/// The database side fills it from the Grading module's results (`GradingLabel.code`s map
/// onto the `RatingScale` presets); this module does not depend on Grading so a credential
/// can be built, signed and verified from stored values alone.
public struct LearnerYearRecord: Sendable, Hashable {
    /// NEMIS's own stable id of the learner (e.g. the learner row's UUID). It feeds the
    /// credential's derived `id`, so it must **not** be the citizen ID.
    public var learnerID: String
    /// The citizen ID (CCCD), hashed with a salt; it is never written in clear.
    public var citizenID: String
    /// Salt for the citizen ID hash; use `HashedIdentifier.randomSalt()` and store it with
    /// the issued credential.
    public var identifierSalt: String
    /// The learner's full name, written as a plain `name` identifier so a person checking
    /// the record can match it; `nil` leaves the name out.
    public var learnerName: String?
    /// The issuing school.
    public var school: SchoolProfile
    /// First calendar year of the school year: 2024 for 2024–2025.
    public var schoolYearStart: Int
    /// Grade 1–12.
    public var grade: Int
    /// The class, e.g. "7A1", if it is to be shown.
    public var className: String?
    /// The rule set the results were computed under.
    public var ruleSet: RuleSetReference
    /// Subject results in report-card order.
    public var subjects: [SubjectOutcome]
    /// Other rated items, after the subjects: a primary pupil's qualities and competencies.
    public var assessments: [SubjectOutcome]
    /// Year conduct (secondary) or the year's result (primary), if rated.
    public var conduct: Rating?
    /// Year learning result.
    public var learningLevel: Rating?
    /// The promotion decision.
    public var promotion: Rating?
    /// The year-end award, if any.
    public var award: Rating?
    /// 1 for the first issue; re-issuing after a revocation increments it, which changes the
    /// credential's `id`.
    public var version: Int
    /// Issuance time, written as `validFrom` with the +07:00 offset.
    public var validFrom: Date
    /// End of validity, if the record expires (normally `nil`: a school record does not).
    public var validUntil: Date?
    /// Where the revocation bit of this credential lives.
    public var status: BitstringStatusListEntry

    /// A record from its values; see each property.
    public init(
        learnerID: String, citizenID: String, identifierSalt: String, learnerName: String? = nil,
        school: SchoolProfile, schoolYearStart: Int, grade: Int, className: String? = nil,
        ruleSet: RuleSetReference, subjects: [SubjectOutcome], assessments: [SubjectOutcome] = [],
        conduct: Rating? = nil, learningLevel: Rating? = nil, promotion: Rating? = nil, award: Rating? = nil,
        version: Int = 1, validFrom: Date, validUntil: Date? = nil, status: BitstringStatusListEntry
    ) {
        self.learnerID = learnerID
        self.citizenID = citizenID
        self.identifierSalt = identifierSalt
        self.learnerName = learnerName
        self.school = school
        self.schoolYearStart = schoolYearStart
        self.grade = grade
        self.className = className
        self.ruleSet = ruleSet
        self.subjects = subjects
        self.assessments = assessments
        self.conduct = conduct
        self.learningLevel = learningLevel
        self.promotion = promotion
        self.award = award
        self.version = version
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.status = status
    }

    /// "2024-2025".
    public var schoolYear: String { "\(schoolYearStart)-\(schoolYearStart + 1)" }
}

/// The issuing school as it presents itself. Only the issuer registry makes these claims
/// trustworthy (DOMAIN.md §4.5 pitfall 9).
public struct SchoolProfile: Sendable, Hashable {
    /// The school's current signing DID, `did:key:z6Mk…`.
    public var did: String
    /// Official name, e.g. "Trường THCS Chu Văn An".
    public var name: String
    /// The school's code in the sector database (mã trường), e.g. "19TH001".
    public var sectorCode: String

    /// A school as it appears in its credentials.
    public init(did: String, name: String, sectorCode: String) {
        self.did = did
        self.name = name
        self.sectorCode = sectorCode
    }
}

/// The grading rule set a record was computed under, named in each achievement's criteria.
public struct RuleSetReference: Sendable, Hashable {
    /// Stable code, e.g. "tt22_2021".
    public var code: String
    /// The regulation, e.g. "Thông tư 22/2021/TT-BGDĐT".
    public var nameVI: String

    /// A rule set by code and regulation name.
    public init(code: String, nameVI: String) {
        self.code = code
        self.nameVI = nameVI
    }

    /// Circular 22/2021 (lower and upper secondary).
    public static let circular22_2021 = RuleSetReference(code: "tt22_2021", nameVI: "Thông tư 22/2021/TT-BGDĐT")
    /// Circular 27/2020 (primary).
    public static let circular27_2020 = RuleSetReference(code: "tt27_2020", nameVI: "Thông tư 27/2020/TT-BGDĐT")
}

/// One subject's year result.
public struct SubjectOutcome: Sendable, Hashable {
    /// How the subject is assessed.
    public enum Result: Sendable, Hashable {
        /// A year average on the 0–10 scale, already formatted as written on the report card
        /// ("8.5"); kept as text so no rounding can happen between grading and signing.
        case score(String)
        /// A rating such as Đạt / Chưa đạt.
        case rating(Rating)
        /// Exempt (miễn học); stated, with no result.
        case exempt
    }

    /// Stable subject code, e.g. "toan".
    public var code: String
    /// Subject name, e.g. "Toán".
    public var nameVI: String
    /// The year result.
    public var result: Result
    /// Primary: the end-of-year periodic test score (a whole number 0–10), if the subject has one.
    public var testScore: String?

    /// A subject result.
    public init(code: String, nameVI: String, result: Result, testScore: String? = nil) {
        self.code = code
        self.nameVI = nameVI
        self.result = result
        self.testScore = testScore
    }
}
