/// Why grading input was rejected or a computation is not available.
///
/// Each case carries a stable `code` for APIs and import reports plus English and
/// Vietnamese messages. Errors about one subject are wrapped in `.subject(index:semester:_:)`
/// so a report can point at the cell to fix.
public indirect enum GradingError: Error, Hashable, Sendable {
    /// Grades run from 1 to 12.
    case gradeOutOfRange(Int)
    /// A school year before any modelled rule set (`GradingRuleSet.earliestSchoolYearStart`).
    case schoolYearNotModelled(grade: Int, schoolYearStart: Int)
    /// The rule set exists but this computation is not implemented for it.
    case unsupportedRuleSet(GradingRuleSet, operation: GradingOperation)
    /// Periods per year must be positive.
    case invalidPeriodsPerYear(Int)
    /// A score given for a comment-only subject, or a rating for a scored one.
    case valueKindMismatch(subjectKind: SubjectKind, assessment: AssessmentKind)
    /// The semester has the wrong number of assessments of one kind.
    case wrongAssessmentCount(kind: AssessmentKind, required: AssessmentCount, found: Int)
    /// A bulk gradebook cell that is not a valid score (0–100 tenths) or rating (0 or 1),
    /// including the `GradebookCell.missing` marker.
    case invalidGradebookCell(value: UInt8, subjectKind: SubjectKind)
    /// The bulk layout's cell buffer does not hold `learners × cellsPerLearner` cells.
    case gradebookSizeMismatch(expectedCells: Int, foundCells: Int)
    /// A learner's subject list does not match the layout's.
    case subjectCountMismatch(expected: Int, found: Int)
    /// Absent sessions cannot be negative.
    case negativeAbsences(Int)
    /// The bulk layout tracks per-learner subject flags in 64 bits.
    case tooManySubjects(count: Int, maximum: Int)
    /// A subject index that does not exist.
    case subjectIndexOutOfRange(index: Int, count: Int)
    /// Summer outcomes apply only to an end-of-year decision that sends the learner to
    /// summer re-assessment or conduct training.
    case summerNotApplicable
    /// Re-assessment scores were given but the year learning result did not fail.
    case reassessmentNotOffered
    /// A post-training conduct rating was given but conduct did not fail.
    case conductTrainingNotRequired
    /// Only subjects with a year average below 5.0 or a comment result of Chưa đạt may be
    /// re-assessed.
    case notEligibleForReassessment(subject: Int)
    /// The same subject was re-assessed twice.
    case duplicateReassessment(subject: Int)
    /// A primary year result needs at least one subject, one quality and one competency.
    case missingPrimaryRatings
    /// An error in one subject (index in the input) and, when known, one semester.
    case subject(index: Int, semester: Semester?, GradingError)

    /// Stable machine-readable code. A wrapped error reports the code of its cause.
    public var code: String {
        switch self {
        case .gradeOutOfRange: "grading.gradeOutOfRange"
        case .schoolYearNotModelled: "grading.schoolYearNotModelled"
        case .unsupportedRuleSet: "grading.unsupportedRuleSet"
        case .invalidPeriodsPerYear: "grading.invalidPeriodsPerYear"
        case .valueKindMismatch: "grading.valueKindMismatch"
        case .wrongAssessmentCount: "grading.wrongAssessmentCount"
        case .invalidGradebookCell: "grading.invalidGradebookCell"
        case .gradebookSizeMismatch: "grading.gradebookSizeMismatch"
        case .subjectCountMismatch: "grading.subjectCountMismatch"
        case .negativeAbsences: "grading.negativeAbsences"
        case .tooManySubjects: "grading.tooManySubjects"
        case .subjectIndexOutOfRange: "grading.subjectIndexOutOfRange"
        case .summerNotApplicable: "grading.summerNotApplicable"
        case .reassessmentNotOffered: "grading.reassessmentNotOffered"
        case .conductTrainingNotRequired: "grading.conductTrainingNotRequired"
        case .notEligibleForReassessment: "grading.notEligibleForReassessment"
        case .duplicateReassessment: "grading.duplicateReassessment"
        case .missingPrimaryRatings: "grading.missingPrimaryRatings"
        case .subject(_, _, let cause): cause.code
        }
    }

    /// The innermost error, without subject context.
    public var cause: GradingError {
        if case .subject(_, _, let inner) = self { return inner.cause }
        return self
    }

    /// English message for the person fixing the input.
    public var messageEN: String {
        switch self {
        case .gradeOutOfRange(let grade):
            return "Grade \(grade) does not exist; grades run from 1 to 12."
        case .schoolYearNotModelled(let grade, let year):
            return "No grading rules are modelled for grade \(grade) in \(year)-\(year + 1); the earliest is \(GradingRuleSet.earliestSchoolYearStart)-\(GradingRuleSet.earliestSchoolYearStart + 1)."
        case .unsupportedRuleSet(let ruleSet, let operation):
            return "\(ruleSet.labelEN) does not support \(operation.labelEN) in this system."
        case .invalidPeriodsPerYear(let periods):
            return "Periods per year must be positive; found \(periods)."
        case .valueKindMismatch(let kind, let assessment):
            switch kind {
            case .scored: return "The \(assessment.labelEN.lowercased()) of a scored subject needs a score, not a Đạt/Chưa đạt rating."
            case .commentOnly: return "The \(assessment.labelEN.lowercased()) of a comment-only subject needs a Đạt/Chưa đạt rating, not a score."
            }
        case .wrongAssessmentCount(let kind, let required, let found):
            return "A semester needs \(required) \(kind.labelEN.lowercased())(s); found \(found)."
        case .invalidGradebookCell(let value, let kind):
            if value == GradebookCell.missing { return "An assessment is missing." }
            switch kind {
            case .scored: return "Cell value \(value) is not a score in tenths (0–100)."
            case .commentOnly: return "Cell value \(value) is not a rating (1 = Đạt, 0 = Chưa đạt)."
            }
        case .gradebookSizeMismatch(let expected, let found):
            return "The gradebook should hold \(expected) cells; it holds \(found)."
        case .subjectCountMismatch(let expected, let found):
            return "Expected \(expected) subjects; found \(found)."
        case .negativeAbsences(let count):
            return "Absent sessions cannot be negative; found \(count)."
        case .tooManySubjects(let count, let maximum):
            return "A gradebook layout holds at most \(maximum) subjects; found \(count)."
        case .subjectIndexOutOfRange(let index, let count):
            return "Subject \(index + 1) does not exist; there are \(count) subjects."
        case .summerNotApplicable:
            return "Summer re-assessment and conduct training apply only to a learner the end-of-year decision sent to them."
        case .reassessmentNotOffered:
            return "The learner's year learning result did not fail, so there is nothing to re-assess."
        case .conductTrainingNotRequired:
            return "The learner's year conduct did not fail, so there is no summer conduct training to rate."
        case .notEligibleForReassessment(let subject):
            return "Subject \(subject + 1) cannot be re-assessed: only subjects with a year average below 5.0 or rated Chưa đạt can."
        case .duplicateReassessment(let subject):
            return "Subject \(subject + 1) was re-assessed more than once."
        case .missingPrimaryRatings:
            return "A primary year result needs ratings for subjects, qualities and competencies."
        case .subject(let index, let semester, let cause):
            let place = semester.map { "subject \(index + 1) (\($0.labelEN))" } ?? "subject \(index + 1)"
            return "In \(place): \(cause.messageEN)"
        }
    }

    /// Vietnamese message for the person fixing the input.
    public var messageVI: String {
        switch self {
        case .gradeOutOfRange(let grade):
            return "Không có lớp \(grade); lớp phải từ 1 đến 12."
        case .schoolYearNotModelled(let grade, let year):
            return "Chưa có quy định đánh giá cho lớp \(grade) năm học \(year)-\(year + 1); sớm nhất là năm học \(GradingRuleSet.earliestSchoolYearStart)-\(GradingRuleSet.earliestSchoolYearStart + 1)."
        case .unsupportedRuleSet(let ruleSet, let operation):
            return "Hệ thống chưa hỗ trợ \(operation.labelVI) theo \(ruleSet.labelVI)."
        case .invalidPeriodsPerYear(let periods):
            return "Số tiết trong năm phải lớn hơn 0; hiện là \(periods)."
        case .valueKindMismatch(let kind, let assessment):
            switch kind {
            case .scored: return "\(assessment.labelVI) của môn đánh giá bằng điểm số phải là điểm, không phải Đạt/Chưa đạt."
            case .commentOnly: return "\(assessment.labelVI) của môn đánh giá bằng nhận xét phải là Đạt/Chưa đạt, không phải điểm."
            }
        case .wrongAssessmentCount(let kind, let required, let found):
            return "Mỗi học kì cần \(required.descriptionVI) lần \(kind.labelVI.lowercased()); hiện có \(found)."
        case .invalidGradebookCell(let value, let kind):
            if value == GradebookCell.missing { return "Thiếu một đầu điểm đánh giá." }
            switch kind {
            case .scored: return "Giá trị ô \(value) không phải điểm tính theo phần mười (0–100)."
            case .commentOnly: return "Giá trị ô \(value) không phải mức đánh giá (1 = Đạt, 0 = Chưa đạt)."
            }
        case .gradebookSizeMismatch(let expected, let found):
            return "Sổ điểm phải có \(expected) ô; hiện có \(found)."
        case .subjectCountMismatch(let expected, let found):
            return "Cần \(expected) môn học; hiện có \(found)."
        case .negativeAbsences(let count):
            return "Số buổi nghỉ không thể âm; hiện là \(count)."
        case .tooManySubjects(let count, let maximum):
            return "Bố cục sổ điểm chứa tối đa \(maximum) môn; hiện có \(count)."
        case .subjectIndexOutOfRange(let index, let count):
            return "Không có môn thứ \(index + 1); chỉ có \(count) môn."
        case .summerNotApplicable:
            return "Kiểm tra lại và rèn luyện trong hè chỉ áp dụng cho học sinh thuộc diện này theo kết quả cuối năm."
        case .reassessmentNotOffered:
            return "Kết quả học tập cả năm không ở mức Chưa đạt nên không có môn nào phải kiểm tra lại."
        case .conductTrainingNotRequired:
            return "Kết quả rèn luyện cả năm không ở mức Chưa đạt nên không phải rèn luyện trong hè."
        case .notEligibleForReassessment(let subject):
            return "Môn thứ \(subject + 1) không được kiểm tra lại: chỉ môn có điểm trung bình cả năm dưới 5,0 hoặc đánh giá Chưa đạt."
        case .duplicateReassessment(let subject):
            return "Môn thứ \(subject + 1) có nhiều hơn một kết quả kiểm tra lại."
        case .missingPrimaryRatings:
            return "Đánh giá cuối năm ở tiểu học cần mức đánh giá các môn học, phẩm chất và năng lực."
        case .subject(let index, let semester, let cause):
            let place = semester.map { "môn thứ \(index + 1) (\($0.labelVI))" } ?? "môn thứ \(index + 1)"
            return "Tại \(place): \(cause.messageVI)"
        }
    }
}
