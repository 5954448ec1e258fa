import CitizenID

/// Whether records carrying the same ID describe one person. One ID on two people is
/// the tell-tale of a row copied by mistake (DOMAIN.md §1.5): offline checks and even
/// the registry pass it for the rightful owner, so only a batch-wide look finds it.
public enum DuplicateIDVerdict: String, Sendable, Hashable, Codable {
    case samePerson
    case differentPeople
    /// Too little agrees or disagrees to say (a year-only date and a short name…).
    case undetermined
}

public struct DuplicateIDAssessment: Sendable, Hashable {
    public let verdict: DuplicateIDVerdict
    public let name: NameComparison
    public let dateOfBirth: DateLevel
    public let sex: SexLevel
}

/// Records of one batch that share an ID but not a person.
public struct DuplicateIDConflict: Sendable, Hashable {
    public let citizenID: String
    /// Indices into the batch, grouped by person: two or more groups.
    public let people: [[Int]]
}

public enum DuplicateIDCheck {
    /// Compares two records that carry the same ID. The same person tolerates what
    /// school data does to one person (encoding, diacritics, order, a dropped middle
    /// name, a swapped day and month, a year-only date); a different name, date or sex
    /// is a different person.
    public static func assess(_ a: PersonRecord, _ b: PersonRecord) -> DuplicateIDAssessment {
        let name = NameComparison(typed: TypedName(a.fullName), registry: RegistryName(typed: TypedName(b.fullName)))
        let date = FieldComparators.compareDates(a.dateOfBirth, b.dateOfBirth)
        let sex = FieldComparators.compareSex(a.sex, b.sex)
        let verdict: DuplicateIDVerdict
        if name.level == .different || date == .different || sex == .different {
            verdict = .differentPeople
        } else if name.agreesAfterRepair, [.exact, .dayMonthSwapped, .sameYearOnly].contains(date) {
            verdict = .samePerson
        } else {
            verdict = .undetermined
        }
        return DuplicateIDAssessment(verdict: verdict, name: name, dateOfBirth: date, sex: sex)
    }

    /// Groups a batch by ID (after spreadsheet repair) and reports every ID whose records
    /// are not all shown to be one person. Records whose ID cannot be read are ignored.
    /// A record joins the first group whose first record it is `samePerson` with; an
    /// `undetermined` pair stays apart, so doubtful cases go to review, not through.
    public static func conflicts(in records: [PersonRecord]) -> [DuplicateIDConflict] {
        var byID: [String: [Int]] = [:]
        for (index, record) in records.enumerated() {
            guard let raw = record.citizenID, let id = CitizenID.repair(raw).citizenID else { continue }
            byID[id.digits, default: []].append(index)
        }
        var out: [DuplicateIDConflict] = []
        for (id, indices) in byID where indices.count > 1 {
            var groups: [[Int]] = []
            for index in indices {
                if let slot = groups.firstIndex(where: { assess(records[$0[0]], records[index]).verdict == .samePerson }) {
                    groups[slot].append(index)
                } else {
                    groups.append([index])
                }
            }
            if groups.count > 1 { out.append(DuplicateIDConflict(citizenID: id, people: groups)) }
        }
        return out.sorted { $0.citizenID < $1.citizenID }
    }
}
