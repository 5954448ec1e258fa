import Exams
import Foundation
import Hummingbird
import Platform

/// The graduation exam's figures for officers: by province, results (passed, not passed, awaiting)
/// and admissions (confirmed, admitted, not admitted) as SVG charts drawn on the server, and every
/// count with its share in a table.
struct ExamStatisticsPages: Sendable {
    let database: any Database

    var routes: [PageRoute] {
        [PageRoute(.get, "/exam-statistics", "Graduation exam and admission figures by province", show)]
    }

    static let colors = (good: "#009e73", middle: "#0072b2", bad: "#e69f00", waiting: "#999999")

    @Sendable func show(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        guard principal.has(.examsManage) || principal.has(.examsRegister) else { throw APIError.forbidden("") }
        guard let statistics = try await ExamStatistics.load(database, for: principal, examYear: page.query("year").flatMap(Int.init)),
              !statistics.departments.isEmpty else {
            return page.page(strings[.examStatistics], "<h1>\(HTML.escape(strings[.examStatistics]))</h1><p>\(HTML.escape(strings[.noExamFigures]))</p>")
        }
        let title = strings.examStatisticsTitle(statistics.examYear)
        let departments = statistics.departments
        let results = BarChart(
            title: strings[.examResultsChart],
            series: [BarChart.Series(label: strings[.passedExam], color: Self.colors.good),
                     BarChart.Series(label: strings[.notPassedExam], color: Self.colors.bad),
                     BarChart.Series(label: strings[.awaitingResult], color: Self.colors.waiting)],
            bars: departments.map { d in
                BarChart.Bar(label: StatisticsPages.shortName(d.name), values: [d.passed, d.withResult - d.passed, d.registered - d.withResult])
            })
        let admissions = BarChart(
            title: strings[.admissionsChart],
            series: [BarChart.Series(label: strings[.admissionConfirmed], color: Self.colors.good),
                     BarChart.Series(label: strings[.admittedNotConfirmed], color: Self.colors.middle),
                     BarChart.Series(label: strings[.notAdmitted], color: Self.colors.bad)],
            bars: departments.map { d in
                BarChart.Bar(label: StatisticsPages.shortName(d.name),
                             values: [d.admissionConfirmed, d.admitted - d.admissionConfirmed, max(d.withWishes - d.admitted, 0)])
            })
        func share(_ part: Int, of whole: Int) -> String {
            "\(BarChart.grouped(part))" + (whole > 0 ? String(format: " <span class=\"muted\">(%.1f%%)</span>", Double(part) / Double(whole) * 100) : "")
        }
        let headers: [Phrase] = [.registeredCandidates, .confirmedBySchool, .registrationFeesPaidOnline, .passedExam, .withWishes, .wishFeesPaidOnline, .admitted,
                                 .admissionConfirmed]
        let rows = departments.map { d in
            "<tr><th scope=\"row\">\(HTML.escape(d.name))</th><td>\(BarChart.grouped(d.registered))</td>"
                + "<td>\(share(d.confirmedBySchool, of: d.registered))</td><td>\(share(d.registrationFeesPaid, of: d.registered))</td>"
                + "<td>\(share(d.passed, of: d.withResult))</td>"
                + "<td>\(BarChart.grouped(d.withWishes))</td><td>\(share(d.wishFeesPaid, of: d.withWishes))</td>"
                + "<td>\(share(d.admitted, of: d.withWishes))</td><td>\(share(d.admissionConfirmed, of: d.admitted))</td></tr>"
        }.joined()
        return page.page(title, """
            <h1>\(HTML.escape(title))</h1>
            <figure>\(results.svg(id: "exam-results"))</figure>
            <figure>\(admissions.svg(id: "admissions"))</figure>
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.department]))</th>\
            \(headers.map { "<th scope=\"col\">\(HTML.escape(strings[$0]))</th>" }.joined())</tr></thead><tbody>\(rows)</tbody></table></div>
            <p class="muted">\(HTML.escape(strings[.examStatisticsNote]))</p>
            """)
    }
}
