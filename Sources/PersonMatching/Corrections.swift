import CitizenID

/// Builds the corrections to suggest when a record matches its registered ID only
/// after repairs. Each names the school's value, the registry's, and why.
enum Corrections {
    static func suggest(
        record: PersonRecord, person: RegistryPerson, name: NameComparison, date: DateLevel, sex: SexLevel,
        idFixes: CitizenIDRepair
    ) -> [SuggestedCorrection] {
        var out: [SuggestedCorrection] = []
        if idFixes.wasRepaired, let id = idFixes.citizenID {
            out.append(SuggestedCorrection(
                field: .citizenID, current: idFixes.input, suggested: id.digits,
                reasonEN: idFixes.summaryEN, reasonVI: idFixes.summaryVI))
        }
        if !name.agreesAfterNormalisation {
            out.append(SuggestedCorrection(
                field: .fullName, current: record.fullName, suggested: person.fullName,
                reasonEN: name.findingsEN.joined(separator: "; "), reasonVI: name.findingsVI.joined(separator: "; ")))
        }
        // Formatted only for a correction: most records' dates agree.
        var current: String { record.dateOfBirth?.vietnameseFormat ?? "" }
        var registered: String { person.dateOfBirth?.vietnameseFormat ?? "" }
        switch date {
        case .dayMonthSwapped, .offByOneDay:
            out.append(SuggestedCorrection(
                field: .dateOfBirth, current: current, suggested: registered,
                reasonEN: date.labelEN, reasonVI: date.labelVI))
        case .sameYearOnly where record.dateOfBirth?.isYearOnly == true:
            out.append(SuggestedCorrection(
                field: .dateOfBirth, current: current, suggested: registered,
                reasonEN: "only the year was recorded", reasonVI: "chỉ ghi năm sinh"))
        case .missing where person.dateOfBirth != nil:
            out.append(SuggestedCorrection(
                field: .dateOfBirth, current: "", suggested: registered,
                reasonEN: "date of birth missing", reasonVI: "thiếu ngày sinh"))
        default:
            break
        }
        if sex == .unknown, record.sex == nil, let registeredSex = person.sex {
            out.append(SuggestedCorrection(
                field: .sex, current: "", suggested: registeredSex.labelVI,
                reasonEN: "sex missing", reasonVI: "thiếu giới tính"))
        }
        return out
    }
}
