import CitizenID

extension Verifier {
    /// The record's ID is registered: do name, date of birth and sex agree?
    func compareByID(
        _ record: PreparedRecord, person: RegistryPerson, position: Int, idFixes: CitizenIDRepair
    ) -> VerificationDecision {
        let registryName = index.name(at: position)
        let name = NameComparison(typed: record.name, registry: registryName)
        let date = FieldComparators.compareDates(record.record.dateOfBirth, person.dateOfBirth)
        let sex = FieldComparators.compareSex(record.record.sex, person.sex)
        let dateAgreesAfterRepair: Bool = switch date {
        case .exact, .dayMonthSwapped, .offByOneDay, .sameYearOnly, .missing: true
        case .different: false
        }
        guard name.agreesAfterRepair, dateAgreesAfterRepair, sex != .different else {
            let explanation = model.explain(
                record, person, givenNameFrequency: index.givenNameFrequency(at: position))
            let disagreements = explanation.fields.filter { field in
                switch field.field {
                case .familyName, .givenName, .middleName:
                    !name.agreesAfterRepair && !["exact", "foldedEqual", "variant"].contains(field.level)
                        && !(field.field == .middleName && field.level == "partial")
                case .dateOfBirth: !dateAgreesAfterRepair
                case .sex: sex == .different
                case .birthProvince: false
                }
            }
            let nameIsAnother = name.level == .different
            return .mismatch(
                person, disagreements: disagreements,
                search: nameIsAnother ? search(record, allowAutoLink: false) : nil)
        }
        let corrections = Corrections.suggest(
            record: record.record, person: person, name: name, date: date, sex: sex, idFixes: idFixes)
        let verified = name.agreesAfterNormalisation && date == .exact && sex == .same && corrections.isEmpty
        return verified ? .verified(person) : .verifiedWithCorrections(person, corrections: corrections)
    }
}
