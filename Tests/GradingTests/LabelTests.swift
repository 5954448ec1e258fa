import Testing
@testable import Grading

@Suite("Codes and Vietnamese labels")
struct LabelTests {
    func check<L: GradingLabel>(_ type: L.Type) {
        let codes = L.allCases.map(\.code)
        #expect(Set(codes).count == codes.count, "codes of \(L.self) must be unique")
        for value in L.allCases {
            #expect(L(code: value.code) == value)
            #expect(!value.labelVI.isEmpty && !value.labelEN.isEmpty)
            #expect(value.code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            if L.self != Semester.self { #expect(value.code == value.code.lowercased()) }
        }
        #expect(L(code: "no_such_code") == nil)
    }

    @Test("every label type has unique, round-tripping ASCII codes")
    func allTypes() {
        check(LearningLevel.self)
        check(ConductRating.self)
        check(CommentRating.self)
        check(Award.self)
        check(PromotionOutcome.self)
        check(PromotionCondition.self)
        check(DecisionStage.self)
        check(GradingRuleSet.self)
        check(GradingOperation.self)
        check(Semester.self)
        check(SubjectKind.self)
        check(SubjectParticipation.self)
        check(AssessmentKind.self)
        check(LegacyAcademicRating.self)
        check(PrimarySubjectRating.self)
        check(CompetencyRating.self)
        check(PrimaryYearResult.self)
    }

    @Test("the published codes and labels")
    func published() {
        #expect(LearningLevel.allCases.map(\.code).sorted() == ["chua_dat", "dat", "kha", "tot"])
        #expect(LearningLevel.chuaDat.labelVI == "Chưa đạt")
        #expect(LearningLevel.tot.labelVI == "Tốt")
        #expect(ConductRating.kha.labelVI == "Khá")
        #expect(CommentRating.dat.labelVI == "Đạt")
        #expect(PromotionOutcome.promoted.labelVI == "Được lên lớp")
        #expect(PromotionOutcome.repeatYear.labelVI == "Ở lại lớp")
        #expect(PrimaryYearResult.hoanThanhXuatSac.labelVI == "Hoàn thành xuất sắc")
        #expect(PrimaryYearResult.hoanThanhXuatSac.code == "hoan_thanh_xuat_sac")
        #expect(CompetencyRating.canCoGang.labelVI == "Cần cố gắng")
        #expect(PrimarySubjectRating.chuaHoanThanh.labelVI == "Chưa hoàn thành")
        #expect(GradingRuleSet.circular22_2021.code == "tt22_2021")
        #expect(Semester.second.labelVI == "Học kì II")
        #expect(Semester.allCases.map(\.code) == ["I", "II"])
        #expect(PromotionOutcome.allCases.map(\.code) == ["promoted", "summer_required", "repeat_year"])
    }

    @Test("every error has a grading code and both messages")
    func errors() {
        let all: [GradingError] = [
            .gradeOutOfRange(13), .schoolYearNotModelled(grade: 7, schoolYearStart: 2010),
            .unsupportedRuleSet(.circular22_2016, operation: .primaryYearResult), .invalidPeriodsPerYear(0),
            .valueKindMismatch(subjectKind: .scored, assessment: .regular),
            .valueKindMismatch(subjectKind: .commentOnly, assessment: .midTerm),
            .wrongAssessmentCount(kind: .regular, required: .atLeast(3), found: 2),
            .invalidGradebookCell(value: 255, subjectKind: .scored), .invalidGradebookCell(value: 101, subjectKind: .scored),
            .invalidGradebookCell(value: 2, subjectKind: .commentOnly),
            .gradebookSizeMismatch(expectedCells: 10, foundCells: 9), .subjectCountMismatch(expected: 12, found: 11),
            .negativeAbsences(-1), .tooManySubjects(count: 65, maximum: 64), .subjectIndexOutOfRange(index: 3, count: 2),
            .summerNotApplicable, .reassessmentNotOffered, .conductTrainingNotRequired,
            .notEligibleForReassessment(subject: 0), .duplicateReassessment(subject: 0), .missingPrimaryRatings,
        ]
        for error in all {
            #expect(error.code.hasPrefix("grading."))
            #expect(!error.messageEN.isEmpty && !error.messageVI.isEmpty)
            let wrapped = GradingError.subject(index: 2, semester: .first, error)
            #expect(wrapped.code == error.code)
            #expect(wrapped.cause == error)
            #expect(wrapped.messageEN.hasSuffix(error.messageEN))
        }
        #expect(Set(all.map(\.code)).count == 18)
        #expect(GradingError.invalidGradebookCell(value: 255, subjectKind: .scored).messageEN == "An assessment is missing.")
        #expect(GradingError.wrongAssessmentCount(kind: .regular, required: .atLeast(3), found: 2).messageVI.contains("ít nhất 3"))
    }
}
