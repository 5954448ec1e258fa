import DataIntegrity

/// Builds the unsigned credential for a learner's year record: a 1EdTech CLR 2.0
/// `ClrCredential` on the W3C VC 2.0 data model, whose `ClrSubject.verifiableCredential`
/// holds one Open Badges 3.0 `AchievementCredential` with the year's results.
///
/// Why `verifiableCredential[]` and not `achievement[]`: in CLR 2.0 `verifiableCredential`
/// is the required member of `ClrSubject` (1..*), and a *result* (`value`, linked to a
/// `resultDescription`) exists only on an OB 3.0 `AchievementSubject`, i.e. inside an
/// `AchievementCredential`. `ClrSubject.achievement[]` and `association[]` describe
/// achievements and how they relate, without results; they are optional and left out.
///
/// Why one `AchievementCredential` and not one per subject: its `Achievement` (type
/// `LearningProgram`, the grade's year) carries a `ResultDescription` for each subject,
/// year conduct and learning result, the promotion decision and the award, and its
/// `result[]` gives each value pointing at its description. A credential per subject would
/// repeat the context, issuer, subject and achievement envelope a dozen times: four times
/// the bytes to store, send and hash for the same facts. Description ids are readable and
/// the same in every record (`urn:nemis:tt22_2021:6:toan:diem`), so results can be compared
/// across schools. The nested credential is not signed on its own: the single
/// eddsa-jcs-2022 proof on the `ClrCredential` covers every byte of it.
///
/// The document is built as `JSONValue` (what the verifier reads), or, for batch signing,
/// straight as its canonical (JCS) text; both are rendered from one `YearRecordModel`, and
/// tests check they agree byte for byte.
public enum YearRecordCredential {
    /// The `id` of the record credential: derived from (learner, school, year, version), so
    /// building twice gives the same id and re-issuing (version + 1) gives a new one.
    public static func credentialID(learnerID: String, schoolCode: String, schoolYearStart: Int, version: Int) -> String {
        NameBasedUUID.urn(domain: "nemis:year-record", [learnerID, schoolCode, String(schoolYearStart), String(version)])
    }

    /// The unsigned `ClrCredential` for `record`. For many records, keep one
    /// `YearRecordCredentialBuilder` per thread instead: it reuses what records share.
    public static func build(_ record: LearnerYearRecord) throws(YearRecordError) -> JSONValue {
        var builder = YearRecordCredentialBuilder()
        return try builder.build(record)
    }

    /// Names and values fixed by the format.
    static let clrTypes: JSONValue = ["VerifiableCredential", "ClrCredential"]
    static let partTypes: JSONValue = ["VerifiableCredential", "AchievementCredential"]

    /// A `BitstringStatusListEntry` with the index as a decimal string, as the specification
    /// requires (a number invites precision loss in JavaScript verifiers).
    public static func statusEntry(_ entry: BitstringStatusListEntry) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(entry.id ?? "\(entry.statusListCredential)#\(entry.statusListIndex)")),
            ("statusListCredential", .string(entry.statusListCredential)),
            ("statusListIndex", .string(String(entry.statusListIndex))),
            ("statusPurpose", .string(entry.statusPurpose)),
        ]
        if entry.statusSize != 1 {
            members.append(("statusSize", .number(Double(entry.statusSize))))
        }
        members.append(("type", .string(BitstringStatusListEntry.type)))
        return .object(members)
    }
}

/// Identifiers specific to NEMIS year records.
public enum YearRecordVocabulary {
    /// OB 3.0 `identifierType` of the school's sector-database code in the issuer Profile;
    /// OB 3.0 lets implementers extend the enumeration with `ext:` terms.
    public static let schoolCodeIdentifierType = "ext:MoETSchoolCode"
}
