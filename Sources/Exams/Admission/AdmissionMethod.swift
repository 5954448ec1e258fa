import ExamRules
import Platform

/// A way a programme admits (DOMAIN.md §7.1). Since 2025 every method is converted to the one
/// 30-point scale. A programme keeps one quota and considers each candidate under the method that
/// scores them best, unless it splits its seats between its methods: then each method fills its
/// own quota and a candidate is tried under each of their methods, best first.
struct AdmissionMethod: Codable, Sendable, Equatable {
    enum Kind: String, Codable, Sendable, CaseIterable {
        /// The graduation exam's scores in one of the programme's combinations.
        case exam
        /// The school record (học bạ): the combination's subjects averaged over grades 10–12.
        case transcript
        /// A competency test (HSA, V-ACT, TSA) converted by the programme's table.
        case competency
        /// Direct admission (tuyển thẳng) the institution granted the candidate: a tier above
        /// every score, which still needs the programme among the candidate's wishes.
        case direct
    }

    var kind: Kind
    /// The competency test, for `competency`.
    var test: CompetencyTest?
    /// The competency test's conversion table, for `competency`.
    var conversion: [CompetencyConversion.Point]?
    /// The seats this method fills on its own; set on every method of a programme or on none.
    var quota: Int?

    /// The problems of the method at `index` of a programme's list, with their JSON pointers.
    func check(at index: Int, into errors: inout ValidationCollector) {
        let field = "methods/\(index)"
        if let quota, quota < 0 { errors.add("\(field)/quota", "program.method.quota", "a method's quota is 0 or more") }
        switch kind {
        case .competency:
            guard let test else {
                errors.add("\(field)/test", "program.method.test", "a competency method names its test: \(CompetencyTest.allCases.map(\.rawValue).joined(separator: ", "))")
                return
            }
            if let problem = CompetencyConversion.problem(test: test, points: conversion ?? []) {
                errors.add("\(field)/conversion", "program.method.conversion", problem)
            }
        case .exam, .transcript, .direct:
            if test != nil || conversion != nil {
                errors.add(field, "program.method.fields", "only a competency method has a test and a conversion table")
            }
        }
    }

    /// Which kind a method list repeats, if any (a competency test counts once per test).
    static func repeated(_ methods: [AdmissionMethod]) -> Int? {
        var seen = Set<String>()
        return methods.indices.first { !seen.insert("\(methods[$0].kind.rawValue)|\(methods[$0].test?.rawValue ?? "")").inserted }
    }

    /// Whether this is the method a score with `kind` and `basis` came from (the basis names the
    /// test of a competency method).
    func gave(_ kind: Kind, basis: String?) -> Bool {
        self.kind == kind && (test == nil || test?.rawValue == basis)
    }

    /// The competency method's table, checked when the programme was stored.
    var table: CompetencyConversion? {
        test.flatMap { CompetencyConversion(test: $0, points: conversion ?? []) }
    }
}
