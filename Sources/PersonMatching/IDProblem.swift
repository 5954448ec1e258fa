import CitizenID

/// Why a typed ID fails the offline checks (DOMAIN.md §1.5), wrapping the `CitizenID`
/// kernel's findings so callers of this module need nothing else.
public enum IDProblem: Sendable, Hashable {
    /// Not a 12-digit ID even after undoing spreadsheet damage.
    case unreadable(CitizenIDError)
    /// A readable ID that contradicts the record (sex, birth year, century).
    case contradicts(CitizenIDIssue)

    public var code: String {
        switch self {
        case .unreadable(let error): error.code
        case .contradicts(let issue): issue.code
        }
    }

    public var messageEN: String {
        switch self {
        case .unreadable(let error): error.messageEN
        case .contradicts(let issue): issue.messageEN
        }
    }

    public var messageVI: String {
        switch self {
        case .unreadable(let error): error.messageVI
        case .contradicts(let issue): issue.messageVI
        }
    }
}

/// The offline checks on a typed ID cell.
enum IDScreening {
    enum Outcome {
        case noID
        /// An ID that fails the offline checks; `readable` when it has the shape of one (twelve
        /// digits) and fails only the checks of what it encodes (sex, birth year, century).
        case invalid([IDProblem], readable: CitizenID?)
        /// A usable ID, and the spreadsheet fixes that were needed to read it.
        case valid(CitizenID, repair: CitizenIDRepair)
    }

    static func screen(_ record: PersonRecord, asOfYear: Int?) -> Outcome {
        guard let raw = record.citizenID, !raw.allSatisfy(\.isWhitespace) else { return .noID }
        let repair = CitizenID.repair(raw)
        guard let id = repair.citizenID else {
            return .invalid(repair.error.map { [.unreadable($0)] } ?? [], readable: nil)
        }
        let errors = id.check(sex: record.sex, birthYear: record.dateOfBirth?.year, asOfYear: asOfYear)
            .filter { $0.severity == .error }
        return errors.isEmpty ? .valid(id, repair: repair) : .invalid(errors.map(IDProblem.contradicts), readable: id)
    }
}
