import DataIntegrity
import Foundation
import Records

/// A stored year result, as the credential document describes it.
enum YearRecordMapping {
    static func record(_ result: YearResult, learnerID: String, citizenID: String, school: SchoolProfile, grade: Int, className: String,
                       version: Int, status: BitstringStatusListEntry) -> LearnerYearRecord {
        let primary = result.ruleSet == RuleSetReference.circular27_2020.code
        let subjects = result.subjects.map { line -> SubjectOutcome in
            let outcome: SubjectOutcome.Result = switch line.year {
            case "exempt": .exempt
            case "dat", "chua_dat": .rating(Rating(.commentSubject, line.year))
            case _ where primary: .rating(Rating(.primarySubject, line.year))
            default: .score(line.year)
            }
            return SubjectOutcome(code: line.code, nameVI: line.name, result: outcome, testScore: line.testScore.map(String.init))
        }
        // Quality and competency codes are prefixed: KHOAHOC is both a grade 4–5 subject and a competency.
        let assessments = (result.qualities ?? []).map { rated($0, prefix: "PC_", kind: "Phẩm chất") }
            + (result.competencies ?? []).map { rated($0, prefix: "NL_", kind: "Năng lực") }
        return LearnerYearRecord(
            learnerID: learnerID, citizenID: citizenID, identifierSalt: HashedIdentifier.randomSalt(), learnerName: result.fullName,
            school: school, schoolYearStart: Int(result.schoolYear.prefix(4)) ?? 0, grade: grade, className: className,
            ruleSet: ruleSet(result.ruleSet), subjects: subjects, assessments: assessments,
            conduct: result.conduct.map { Rating(.conduct, $0) },
            learningLevel: result.levelYear.map { Rating(primary ? .primaryYear : .learningLevel, $0) },
            promotion: Rating(primary ? .primaryCompletion : .promotion, result.decision), award: result.award.map { Rating(.award, $0) },
            version: version, validFrom: Date(), status: status)
    }

    private static func rated(_ item: YearResult.RatedItem, prefix: String, kind: String) -> SubjectOutcome {
        SubjectOutcome(code: prefix + item.code, nameVI: "\(kind): \(item.name)", result: .rating(Rating(.primaryCompetency, item.rating)))
    }

    private static func ruleSet(_ code: String) -> RuleSetReference {
        [RuleSetReference.circular22_2021, .circular27_2020].first { $0.code == code } ?? RuleSetReference(code: code, nameVI: code)
    }
}
