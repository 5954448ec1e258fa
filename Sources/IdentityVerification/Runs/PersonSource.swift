import CitizenID
import PersonMatching
import Platform
import SQLKit

/// A learner or member of staff as their record holds them, for verification.
struct CheckedPerson: Sendable {
    let kind: PersonKind
    let id: String
    let code: String
    let orgID: String
    let record: PersonRecord
}

/// A learner or member of staff as read: their record's IDs and its stored document, as text.
/// Reading the document's members and turning them into a record (dates, provinces) is left to
/// `decoded`, which runs on all cores; the reading stays short on the thread that also stores.
struct StoredPerson: Sendable {
    let kind: PersonKind
    let id: String
    let code: String
    let orgID: String
    let document: String

    /// The document's `citizenId`, `fullName`, `dateOfBirth`, `sex` and `birthplace` (a learner's
    /// place of birth registration; staff have none), empty where it holds none. Empty text counts
    /// as none: the record rules store a blank ID as none and refuse a blank name.
    static let documentFields = DocumentMembers(["citizenId", "fullName", "dateOfBirth", "sex", "birthplace"])

    func decoded() throws -> CheckedPerson {
        let fields = try Self.documentFields.values(in: document)
        func field(_ index: Int) -> String? { fields[index].isEmpty ? nil : fields[index] }
        guard let fullName = field(1) else { throw NoFullName(kind: kind, code: code) }
        let record = PersonRecord(
            citizenID: field(0), fullName: fullName, dateOfBirth: field(2).flatMap(PersonMatching.CivilDate.parse),
            sex: field(3).flatMap(Sex.init(rawValue:)), birthProvince: field(4).flatMap(BirthProvince.code))
        return CheckedPerson(kind: kind, id: id, code: code, orgID: orgID, record: record)
    }
}

/// A stored document without the name every learner and member of staff is given on the way in.
struct NoFullName: Error, CustomStringConvertible {
    let kind: PersonKind
    let code: String
    var description: String { "the \(kind.rawValue) \(code) has no full name in its stored record" }
}

/// Reads the people under a node of the tree in a stable order (kind, then record ID), a batch
/// after a cursor at a time: a run that stops resumes after the last batch it stored.
struct PersonSource: Sendable {
    let scopeOrgID: String

    func count(_ db: any SQLDatabase) async throws -> Int {
        var total = 0
        for kind in PersonKind.allCases {
            var sql = SQLQueryString("SELECT COUNT(*) AS n FROM \(unsafeRaw: kind.table) t WHERE ")
            sql.appendInterpolation(scopeCondition)
            total += try await db.raw(sql).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return total
    }

    /// About `size` people spread over the whole scope, to estimate a run's model from. The first
    /// people by record ID would be those imported first: in a national run, one school's learners,
    /// born in the same years and typed by the same hands. A record ID is a UUIDv7, whose last hex
    /// digits are random, so the people whose ID ends below a cut-off are a sample of every school.
    /// At most twice `size` are read, a bound on memory that a sample of its expected size (with a
    /// spread of about its square root) never reaches.
    func sample(_ db: any SQLDatabase, size: Int, total: Int) async throws -> [StoredPerson] {
        guard total > size else { return try await batch(db, after: nil, limit: size) }
        return try await batch(db, after: nil, limit: 2 * size, idTailBelow: Self.idTailCutoff(size: size, total: total))
    }

    /// The four last hex digits below which about `size` of `total` record IDs end.
    static func idTailCutoff(size: Int, total: Int) -> String {
        let cutoff = String(min(0xFFFF, max(1, Int((Double(size) / Double(max(total, 1)) * 65_536).rounded(.up)))), radix: 16)
        return String(repeating: "0", count: 4 - cutoff.count) + cutoff
    }

    /// Up to `limit` people after `cursor`, learners first; with `idTailBelow`, only those whose
    /// record ID's last four hex digits are below it.
    func batch(_ db: any SQLDatabase, after cursor: (kind: PersonKind, id: String)?, limit: Int,
               idTailBelow: String? = nil) async throws -> [StoredPerson] {
        var people: [StoredPerson] = []
        for kind in PersonKind.allCases {
            if let cursor, kind == .learner, cursor.kind == .staff { continue }
            var sql = SQLQueryString("SELECT ")
            sql.appendInterpolation(unsafeRaw: DocumentSQL.packedWithDocument(["t.id", "t.natural_key", "t.org_id"]))
            sql.appendInterpolation(unsafeRaw: " FROM \(kind.table) t WHERE ")
            sql.appendInterpolation(scopeCondition)
            if let cursor, cursor.kind == kind { sql.appendInterpolation(unsafeRaw: " AND t.id > "); sql.appendInterpolation(bind: cursor.id) }
            if let idTailBelow {
                sql.appendInterpolation(unsafeRaw: " AND substr(t.id, 33, 4) < ")
                sql.appendInterpolation(bind: idTailBelow)
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY t.id LIMIT \(limit - people.count)")
            for row in try await db.raw(sql).all() {
                let (f, document) = try DocumentSQL.unpack(row, columns: 3)
                people.append(StoredPerson(kind: kind, id: f[0], code: f[1], orgID: f[2], document: document))
            }
            if people.count == limit { break }
        }
        return people
    }

    /// Records owned by the scope node or a node below it (the whole country from the root).
    private var scopeCondition: SQLQueryString {
        if OrgTree.includesRoot([scopeOrgID]) { return SQLQueryString("1 = 1") }
        return SQLQueryString("t.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = \(bind: scopeOrgID))")
    }
}
