import Records

/// The table of a gradebook: one row per learner in class-list order, a box per assessment, and the
/// semester average the Records module computed. Read-only when the term is closed.
struct GradebookGrid {
    let sheet: GradebookSheets.Sheet
    let strings: Strings
    /// What the teacher typed, shown again when the form comes back with errors.
    let posted: [String: String]
    let errors: [GradebookForm.PlacedError]
    let editable: Bool

    /// Exactly the rule set's number of regular boxes; where it is a minimum, one more than the
    /// longest row so far, so another score can be added.
    static func regularBoxes(_ sheet: GradebookSheets.Sheet) -> Int {
        if sheet.regularCountIsExact { return sheet.regularCount }
        return max(sheet.regularCount, (sheet.rows.map(\.regular.count).max() ?? 0) + 1)
    }

    private var boxes: [GradebookForm.Box] {
        (1...max(1, Self.regularBoxes(sheet))).map { .regular($0) } + [.midTerm, .endOfTerm]
    }

    func columnName(_ box: GradebookForm.Box) -> (short: String, long: String) {
        switch box {
        case .regular(let number): strings.regularColumn(number)
        case .midTerm: (strings[.midTerm], strings[.midTerm])
        case .endOfTerm: (strings[.endOfTerm], strings[.endOfTerm])
        }
    }

    func render() -> String {
        let headings = boxes.map { box -> String in
            let name = columnName(box)
            return name.short == name.long ? "<th scope=\"col\">\(HTML.escape(name.short))</th>"
                : "<th scope=\"col\"><abbr title=\"\(HTML.escape(name.long))\">\(HTML.escape(name.short))</abbr></th>"
        }.joined()
        let resultHeading = strings[sheet.subject.commentOnly ? .rating : .average]
        let body = sheet.rows.enumerated().map { index, row in self.row(index + 1, row) }.joined()
        return """
            <div class="scroll"><table class="grid"><thead><tr><th scope="col">\(HTML.escape(strings[.number]))</th>\
            <th scope="col">\(HTML.escape(strings[.fullName]))</th>\(headings)<th scope="col">\(HTML.escape(resultHeading))</th></tr></thead>
            <tbody>\(body)</tbody></table></div>
            """
    }

    private func row(_ number: Int, _ row: GradebookSheets.Row) -> String {
        let rowErrors = errors.filter { $0.learnerCode == row.learnerCode }
        let errorID = "err-\(row.learnerCode)"
        let cells = boxes.map { box -> String in
            let stored: String? = switch box {
            case .regular(let number): row.regular.indices.contains(number - 1) ? row.regular[number - 1] : nil
            case .midTerm: row.midTerm
            case .endOfTerm: row.endOfTerm
            }
            guard editable else { return "<td>\(HTML.escape(stored.map(display) ?? ""))</td>" }
            let name = GradebookForm.fieldName(row.learnerCode, box)
            let id = GradebookForm.elementID(row.learnerCode, box)
            let value = posted[name] ?? stored.map(display) ?? ""
            let wrong = rowErrors.contains { $0.box == box }
            let invalid = wrong ? " class=\"bad\" aria-invalid=\"true\" aria-describedby=\"\(HTML.escape(errorID))\"" : ""
            let mode = sheet.subject.commentOnly ? "" : " inputmode=\"decimal\""
            return "<td><label class=\"sr\" for=\"\(HTML.escape(id))\">\(HTML.escape(strings.inputLabel(columnName(box).long, learner: row.fullName)))</label>"
                + "<input id=\"\(HTML.escape(id))\" name=\"\(HTML.escape(name))\" value=\"\(HTML.escape(value))\" maxlength=\"5\" autocomplete=\"off\"\(mode)\(invalid)></td>"
        }.joined()
        var html = "<tr><td>\(number)</td><th scope=\"row\">\(HTML.escape(row.fullName))</th>\(cells)"
            + "<td class=\"avg\">\(HTML.escape(row.result.map(display) ?? ""))</td></tr>"
        if !rowErrors.isEmpty {
            let messages = rowErrors.map { HTML.escape(message($0, learner: row.fullName)) }.joined(separator: "<br>")
            html += "<tr class=\"errors\"><td></td><td colspan=\"\(boxes.count + 2)\" id=\"\(HTML.escape(errorID))\">\(messages)</td></tr>"
        }
        return html
    }

    /// "Nguyễn Minh Khoa — TX2: '11': …", naming the learner and the score at fault.
    func message(_ error: GradebookForm.PlacedError, learner: String) -> String {
        strings.fieldError(learner: learner, column: error.box.map { columnName($0).long } ?? "", message: error.message)
    }

    func display(_ value: String) -> String { ScoreText.display(value, strings.language) }
}
