import ExamRules
import Foundation
import Platform

/// One year's graduation exam and its timeline (DOMAIN.md §5.1). The server enforces it: each
/// action is accepted only inside its window.
struct ExamSeason: Codable, Sendable {
    var id: String?
    /// The calendar year of the exam, e.g. 2026; learners register from the school year ending then.
    var examYear: Int
    var name: String
    /// The timeline, as ISO 8601 date-times with their offset (2026-04-21T08:00:00+07:00).
    var registrationOpens: String
    var registrationCloses: String
    var examStarts: String
    var examEnds: String
    var resultsPublished: String
    var remarkingCloses: String
    /// Admissions: wishes are placed from the publication of results until `wishesClose`, clearing
    /// runs after it, and admitted candidates confirm until `confirmationCloses`.
    var wishesClose: String?
    var confirmationCloses: String?
    /// The admission fee per wish in VND (about 20,000 in 2025), paid after wishes close; only paid
    /// wishes go to the clearing. Nil: no fee.
    var wishFeeVND: Int?
    /// The fee in VND for registering for the exam, where the province charges one (typically to
    /// free candidates), paid online while registration is open. Nil: no fee.
    var registrationFeeVND: Int?
    /// Computed from `examYear`.
    var formula: GraduationFormula?

    /// The school year whose grade-12 learners sit this exam: 2026 → "2025-2026".
    var schoolYear: String { "\(examYear - 1)-\(examYear)" }

    static let fields: Set<String> = ["examYear", "name", "registrationOpens", "registrationCloses", "examStarts", "examEnds",
                                      "resultsPublished", "remarkingCloses", "wishesClose", "confirmationCloses", "wishFeeVND",
                                      "registrationFeeVND"]

    /// Every problem with the timeline, under the field that causes it.
    func problems() -> ValidationCollector {
        var errors = ValidationCollector()
        if !(2020...2100).contains(examYear) { errors.add("examYear", "season.year", "examYear \(examYear) is not a plausible year") }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("name", "season.name", "the season needs a name") }
        let steps: [(String, String)] = [("registrationOpens", registrationOpens), ("registrationCloses", registrationCloses),
                                         ("examStarts", examStarts), ("examEnds", examEnds), ("resultsPublished", resultsPublished),
                                         ("remarkingCloses", remarkingCloses)]
        var instants: [(String, Date)] = []
        for (field, text) in steps {
            if let date = Self.instant(text) {
                instants.append((field, date))
            } else {
                errors.add(field, "season.date", "'\(text)' is not a date-time such as 2026-04-21T08:00:00+07:00")
            }
        }
        for (earlier, later) in zip(instants, instants.dropFirst()) where later.1 < earlier.1 {
            errors.add(later.0, "season.order", "\(later.0) must not be before \(earlier.0)")
        }
        if let fee = wishFeeVND, fee <= 0 { errors.add("wishFeeVND", "season.fee", "the fee per wish is a positive number of VND") }
        if let fee = registrationFeeVND, fee <= 0 {
            errors.add("registrationFeeVND", "season.fee", "the registration fee is a positive number of VND")
        }
        var admission: [(String, Date)] = instants.first { $0.0 == "resultsPublished" }.map { [$0] } ?? []
        for (field, text) in [("wishesClose", wishesClose), ("confirmationCloses", confirmationCloses)] {
            guard let text else { continue }
            guard let date = Self.instant(text) else {
                errors.add(field, "season.date", "'\(text)' is not a date-time such as 2026-07-28T17:00:00+07:00")
                continue
            }
            if let previous = admission.last, date < previous.1 {
                errors.add(field, "season.order", "\(field) must not be before \(previous.0)")
            }
            admission.append((field, date))
        }
        return errors
    }

    static func instant(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    /// A stored timeline entry; the stored season was validated, so it parses.
    private func at(_ text: String) -> Date { Self.instant(text) ?? .distantFuture }

    enum Window: String {
        case registration, scoring, remarkRequests, wishes, clearing, confirmation

        var explanation: String {
            switch self {
            case .registration: "registration is open from registrationOpens to registrationCloses"
            case .scoring: "scores are entered after the exam ends"
            case .remarkRequests: "re-marking is requested between the publication of results and remarkingCloses"
            case .wishes: "wishes are placed between the publication of results and wishesClose"
            case .clearing: "clearing runs after wishesClose"
            case .confirmation: "admission is confirmed until confirmationCloses"
            }
        }
    }

    func isOpen(_ window: Window, at now: Date = Date()) -> Bool {
        switch window {
        case .registration: at(registrationOpens) <= now && now <= at(registrationCloses)
        case .scoring: at(examEnds) <= now
        case .remarkRequests: at(resultsPublished) <= now && now <= at(remarkingCloses)
        case .wishes: wishesClose.map { at(resultsPublished) <= now && now <= at($0) } ?? false
        case .clearing: wishesClose.map { at($0) <= now } ?? false
        case .confirmation: confirmationCloses.map { now <= at($0) } ?? false
        }
    }

    func require(_ window: Window, at now: Date = Date()) throws {
        guard isOpen(window, at: now) else {
            throw APIError.conflict(field: nil, code: "season.closed", "not now: \(window.explanation) (season \(examYear))")
        }
    }

    var resultsArePublished: Bool { at(resultsPublished) <= Date() }
}
