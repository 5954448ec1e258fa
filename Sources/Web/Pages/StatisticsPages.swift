import Foundation
import Hummingbird
import Platform
import Registry

/// The figures an officer reports: learners enrolled this school year by province and level, as an
/// SVG chart drawn on the server and the same numbers as a table.
struct StatisticsPages: Sendable {
    let database: any Database

    var routes: [PageRoute] {
        [PageRoute(.get, "/statistics", "Learners enrolled this school year by province and level of education", show)]
    }

    /// Colours far enough apart for the common colour-vision deficiencies, each with a label in the legend.
    static let colors: [EnrolmentStatistics.Level: String] = [
        .preschool: "#e69f00", .primary: "#0072b2", .lowerSecondary: "#009e73", .upperSecondary: "#cc79a7",
    ]

    @Sendable func show(_ page: PageRequest) async throws -> Response {
        guard let principal = page.principal else { return page.redirect("/") }
        let strings = page.strings
        let year = SchoolCalendar.schoolYear(containing: Clock.today())
        guard let statistics = try await EnrolmentStatistics.load(database, for: principal, schoolYear: year) else {
            throw APIError.forbidden("")
        }
        let levels = EnrolmentStatistics.Level.allCases
        let title = strings.learnersByProvince(year)
        guard !statistics.departments.isEmpty else {
            return page.page(title, "<h1>\(HTML.escape(title))</h1><p>\(HTML.escape(strings[.noEnrolmentsYet]))</p>")
        }
        let chart = BarChart(title: title, series: levels.map { BarChart.Series(label: strings.educationLevel($0), color: Self.colors[$0]!) },
                             bars: statistics.departments.map { department in
                                 BarChart.Bar(label: Self.shortName(department.name), values: levels.map { department.learners[$0] ?? 0 })
                             })
        let header = levels.map { "<th scope=\"col\">\(HTML.escape(strings.educationLevel($0)))</th>" }.joined()
        let rows = statistics.departments.map { department in
            "<tr><th scope=\"row\">\(HTML.escape(department.name))</th>"
                + levels.map { "<td>\(BarChart.grouped(department.learners[$0] ?? 0))</td>" }.joined()
                + "<td><strong>\(BarChart.grouped(department.total))</strong></td></tr>"
        }.joined()
        let totals = levels.map { level in statistics.departments.reduce(0) { $0 + ($1.learners[level] ?? 0) } }
        return page.page(title, """
            <h1>\(HTML.escape(title))</h1>
            <p class="muted">\(HTML.escape(strings.enrolmentStatisticsNote(total: BarChart.grouped(statistics.total))))</p>
            <figure>\(chart.svg(id: "learners-by-province"))</figure>
            <div class="scroll"><table><thead><tr><th scope="col">\(HTML.escape(strings[.department]))</th>\(header)\
            <th scope="col">\(HTML.escape(strings[.total]))</th></tr></thead><tbody>\(rows)</tbody>\
            <tfoot><tr><th scope="row">\(HTML.escape(strings[.total]))</th>\(totals.map { "<td>\(BarChart.grouped($0))</td>" }.joined())\
            <td><strong>\(BarChart.grouped(statistics.total))</strong></td></tr></tfoot></table></div>
            """)
    }

    /// "Sở Giáo dục và Đào tạo Thái Nguyên" → "Thái Nguyên": the chart's labels are narrow.
    static func shortName(_ name: String) -> String {
        for prefix in ["Sở Giáo dục và Đào tạo ", "Sở GD&ĐT "] where name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
        return name
    }
}
