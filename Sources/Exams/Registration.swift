import ExamRules
import Foundation
import Platform

/// A candidate's registration for one season's graduation exam, as stored, served and kept in
/// history. Identity comes from the registry for a school's learner, or from the candidate's
/// own declaration (citizen ID, name, birth date, sex) for a free candidate.
struct Registration: Codable, Sendable {
    var id: String
    var seasonId: String
    var citizenId: String
    var fullName: String
    var dateOfBirth: CivilDate
    var sex: String
    /// A school's learner: their code, school and class; nil for a free candidate.
    var learnerCode: String?
    var schoolCode: String?
    var className: String?
    var programme: ExamProgramme
    var subjects: [String]
    /// The language sat (N1 English … N7 Korean) when NGOAINGU is one of the subjects.
    var foreignLanguage: String?
    var exemption: Exemption?
    var priorityPoints: Points
    var priorityEvidence: String?
    var incentivePrizes: [IncentivePoints.Prize]
    var yearAverages: YearAverages?
    /// Admission priority: the area of the school attended longest, and the policy group.
    var admissionArea: AdmissionScoring.Area?
    var admissionGroup: AdmissionScoring.Group?
    var purposes: [String]
    /// submitted, then confirmed by the school (or the exam board for a free candidate).
    var status: String
    var version: Int

    struct Exemption: Codable, Sendable, Equatable {
        /// certificate (level 3 or higher of the 6-level framework) or olympiad (national team).
        var reason: String
        /// What proves it, e.g. "IELTS 6.5, 12/03/2026, số 25VN012345".
        var evidence: String
    }

    struct YearAverages: Codable, Sendable, Equatable {
        var grade10: Points
        var grade11: Points
        var grade12: Points
    }

    var isExempt: Bool { exemption != nil }

    /// The subjects with an exam paper: all four, less an exempted foreign language.
    var examinedSubjects: [String] {
        subjects.filter { !(isExempt && $0 == ExamSubjects.foreignLanguage) }
    }
}

/// What a school or a candidate sends to register or to change a registration.
struct RegistrationInput: Codable, Sendable {
    var learnerCode: String?
    var citizenId: String?
    var fullName: String?
    var dateOfBirth: CivilDate?
    var sex: String?
    var programme: String?
    var subjects: [String]?
    var foreignLanguage: String?
    var exemption: Registration.Exemption?
    var priorityPoints: String?
    var priorityEvidence: String?
    var incentivePrizes: [String]?
    var yearAverages: [String: String]?
    var admissionArea: String?
    var admissionGroup: String?
    var purposes: [String]?

    static let fields: Set<String> = ["learnerCode", "citizenId", "fullName", "dateOfBirth", "sex", "programme", "subjects",
                                      "foreignLanguage", "exemption", "priorityPoints", "priorityEvidence", "incentivePrizes",
                                      "yearAverages", "admissionArea", "admissionGroup", "purposes"]

    /// Applies the exam choices of this input to `registration`, adding every problem to `errors`.
    func applyChoices(to registration: inout Registration, errors: inout ValidationCollector) {
        if let programme {
            if let value = ExamProgramme(rawValue: programme) {
                registration.programme = value
            } else {
                errors.add("programme", "registration.programme", "programme is 2018 or 2006")
            }
        }
        if let subjects { registration.subjects = subjects.map { $0.trimmingCharacters(in: .whitespaces).uppercased() } }
        if let problem = ExamSubjects.problem(registration.subjects, programme: registration.programme) {
            errors.add("subjects", "registration.subjects", problem)
        }
        if let foreignLanguage { registration.foreignLanguage = foreignLanguage.uppercased() }
        let sitsLanguage = registration.subjects.contains(ExamSubjects.foreignLanguage)
        if !sitsLanguage { registration.foreignLanguage = nil }
        if sitsLanguage && !ExamSubjects.languages.contains(registration.foreignLanguage ?? "") {
            errors.add("foreignLanguage", "registration.language", "foreignLanguage is one of \(ExamSubjects.languages.joined(separator: ", ")) for NGOAINGU")
        }
        if let exemption { registration.exemption = exemption }
        if let exemption = registration.exemption {
            if !sitsLanguage {
                errors.add("exemption", "registration.exemption", "an exemption is only for a candidate who registers NGOAINGU")
            }
            if !["certificate", "olympiad"].contains(exemption.reason) {
                errors.add("exemption/reason", "registration.exemption", "reason is certificate or olympiad")
            }
            if exemption.evidence.trimmingCharacters(in: .whitespaces).count < 5 {
                errors.add("exemption/evidence", "registration.evidence", "the exemption needs its evidence (certificate, date, number)")
            }
        }
        if let priorityPoints {
            if let points = Points(priorityPoints), [0, 25, 50].contains(points.hundredths) {
                registration.priorityPoints = points
            } else {
                errors.add("priorityPoints", "registration.priority", "priority points are 0, 0.25 or 0.5 (only the highest claim counts)")
            }
        }
        if let priorityEvidence { registration.priorityEvidence = priorityEvidence }
        if registration.priorityPoints > .zero && (registration.priorityEvidence ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors.add("priorityEvidence", "registration.evidence", "priority points need their evidence")
        }
        if let incentivePrizes {
            var prizes: [IncentivePoints.Prize] = []
            for (index, code) in incentivePrizes.enumerated() {
                if let prize = IncentivePoints.Prize(rawValue: code) {
                    prizes.append(prize)
                } else {
                    errors.add("incentivePrizes/\(index)", "registration.prize",
                               "'\(code)' is not one of \(IncentivePoints.Prize.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            registration.incentivePrizes = prizes
        }
        if let yearAverages {
            var parsed: [String: Points] = [:]
            for grade in ["grade10", "grade11", "grade12"] {
                if let text = yearAverages[grade], let points = Points(text), points <= Points(hundredths: 1000) {
                    parsed[grade] = points
                } else {
                    errors.add("yearAverages/\(grade)", "registration.average", "\(grade) is the year average, 0 to 10 with two decimals")
                }
            }
            if let g10 = parsed["grade10"], let g11 = parsed["grade11"], let g12 = parsed["grade12"] {
                registration.yearAverages = .init(grade10: g10, grade11: g11, grade12: g12)
            }
        }
        if let admissionArea {
            if let area = AdmissionScoring.Area(rawValue: admissionArea.uppercased()) {
                registration.admissionArea = area
            } else {
                errors.add("admissionArea", "registration.area", "admissionArea is one of \(AdmissionScoring.Area.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let admissionGroup {
            if admissionGroup.isEmpty {
                registration.admissionGroup = nil
            } else if let group = AdmissionScoring.Group(rawValue: admissionGroup.uppercased()) {
                registration.admissionGroup = group
            } else {
                errors.add("admissionGroup", "registration.group", "admissionGroup is UT1 or UT2")
            }
        }
        if let purposes { registration.purposes = purposes }
        if registration.purposes.isEmpty || !Set(registration.purposes).isSubset(of: ["graduation", "admission"]) {
            errors.add("purposes", "registration.purposes", "purposes are graduation and/or admission")
        }
    }
}
