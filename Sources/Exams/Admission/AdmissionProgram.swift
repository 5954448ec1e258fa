import ExamRules
import Foundation
import Platform

/// A university programme: its quota, the methods it admits by (exam scores unless it says
/// otherwise), the subject combinations its exam and transcript methods read, and its entry
/// threshold (ngưỡng đầu vào).
struct AdmissionProgram: Codable, Sendable {
    struct Combination: Codable, Sendable, Equatable {
        /// The combination's code, e.g. A00.
        let code: String
        /// Three exam subjects, e.g. TOAN, VATLI, HOAHOC.
        let subjects: [String]
    }

    var id: String?
    var code: String
    var name: String
    var institution: String
    var quota: Int
    var combinations: [Combination]
    /// Lowest admission score considered, on the 30-point scale.
    var threshold: Points
    /// strict (default) or admit_all (everyone tied with the last admitted is admitted).
    var tieMode: String?
    /// How it admits; nil means by exam scores only.
    var methods: [AdmissionMethod]?

    static let fields: Set<String> = ["code", "name", "institution", "quota", "combinations", "threshold", "tieMode", "methods"]

    var admissionMethods: [AdmissionMethod] { methods ?? [AdmissionMethod(kind: .exam)] }

    /// Whether the programme's seats are split between its methods, each filling its own quota.
    var isSplit: Bool { admissionMethods.contains { $0.quota != nil } }

    func admits(by kind: AdmissionMethod.Kind) -> Bool { admissionMethods.contains { $0.kind == kind } }

    func problems() -> ValidationCollector {
        var errors = ValidationCollector()
        if code.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("code", "program.code", "the programme needs a code") }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("name", "program.name", "the programme needs a name") }
        if institution.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("institution", "program.institution", "the institution's code is needed") }
        if quota < 0 { errors.add("quota", "program.quota", "the quota is 0 or more") }
        if combinations.isEmpty && (admits(by: .exam) || admits(by: .transcript)) {
            errors.add("combinations", "program.combinations", "exam and transcript methods need at least one subject combination")
        }
        if methods?.isEmpty == true { errors.add("methods", "program.methods", "a programme admits by at least one method") }
        for (index, method) in admissionMethods.enumerated() { method.check(at: index, into: &errors) }
        if let methods, let index = AdmissionMethod.repeated(methods) {
            errors.add("methods/\(index)", "program.method.repeated", "each method (and each competency test) is listed once")
        }
        if let methods, let index = methods.firstIndex(where: { ($0.quota == nil) != (methods[0].quota == nil) }) {
            errors.add("methods/\(index)/quota", "program.method.quotas", "a quota is set on every method or on none")
        } else if isSplit, admissionMethods.reduce(0, { $0 + ($1.quota ?? 0) }) != quota {
            errors.add("methods", "program.method.quotaSum",
                       "the methods' quotas add up to \(admissionMethods.reduce(0) { $0 + ($1.quota ?? 0) }), not the programme's quota of \(quota)")
        }
        let examSubjects = Set(ExamSubjects.compulsory + ExamSubjects.electives2018)
        for (index, combination) in combinations.enumerated()
        where combination.subjects.count != 3 || Set(combination.subjects).count != 3 || !Set(combination.subjects).isSubset(of: examSubjects) {
            errors.add("combinations/\(index)/subjects", "program.combination", "a combination is three different exam subjects")
        }
        if threshold > AdmissionScoring.maximum { errors.add("threshold", "program.threshold", "the threshold is on the 30-point scale") }
        if let tieMode, !["strict", "admit_all"].contains(tieMode) { errors.add("tieMode", "program.tieMode", "tieMode is strict or admit_all") }
        return errors
    }

    /// The candidate's best combination total with its code, or nil when no combination's three
    /// scores are all there. An exempted foreign language counts as 10 in a combination (for the
    /// exam; a transcript has every subject's average).
    func bestTotal(scores: [String: Points], exemptLanguage: Bool) -> (combination: String, total: Points)? {
        var best: (String, Points)?
        for combination in combinations {
            var total = Points.zero
            var complete = true
            for subject in combination.subjects {
                if let score = scores[subject] {
                    total = total + score
                } else if subject == ExamSubjects.foreignLanguage && exemptLanguage {
                    total = total + Points(hundredths: 1000)
                } else {
                    complete = false
                }
            }
            if complete, best.map({ total > $0.1 }) ?? true { best = (combination.code, total) }
        }
        return best
    }
}
