import DataIntegrity
import Foundation
import Records

/// A stored year result, as the credential document describes it.
enum YearRecordMapping {
    static func record(_ result: YearResult, learnerID: String, citizenID: String, school: SchoolProfile, grade: Int, className: String,
                       version: Int, status: BitstringStatusListEntry) -> LearnerYearRecord {
        let subjects = result.subjects.map { line -> SubjectOutcome in
            let outcome: SubjectOutcome.Result = switch line.year {
            case "exempt": .exempt
            case "dat", "chua_dat": .rating(Rating(.commentSubject, line.year))
            default: .score(line.year)
            }
            return SubjectOutcome(code: line.code, nameVI: line.name, result: outcome)
        }
        return LearnerYearRecord(
            learnerID: learnerID, citizenID: citizenID, identifierSalt: HashedIdentifier.randomSalt(), learnerName: result.fullName,
            school: school, schoolYearStart: Int(result.schoolYear.prefix(4)) ?? 0, grade: grade, className: className,
            ruleSet: result.ruleSet == RuleSetReference.circular22_2021.code ? .circular22_2021
                : RuleSetReference(code: result.ruleSet, nameVI: result.ruleSet),
            subjects: subjects, conduct: Rating(.conduct, result.conduct), learningLevel: result.levelYear.map { Rating(.learningLevel, $0) },
            promotion: Rating(.promotion, result.decision), award: result.award.map { Rating(.award, $0) },
            version: version, validFrom: Date(), status: status)
    }
}
