import DataIntegrity

/// The structural rules a credential must meet: VC 2.0 for every credential, plus the
/// members Open Badges 3.0 and CLR 2.0 require for their types (DOMAIN.md §4.2).
enum ShapeRules {
    /// Every problem found, in document order; empty when the shape is valid.
    static func problems(of credential: JSONValue, inlineContexts: [JSONValue] = []) -> [VerificationFinding] {
        guard case .object = credential else { return [.notAnObject] }
        var found: [VerificationFinding] = []

        switch CredentialVocabulary.contextProblem(credential["@context"], inlineContexts: inlineContexts) {
        case .missing?: found.append(.contextMissing)
        case .firstNotVC2(let first)?: found.append(.firstContextNotVC2(found: first))
        case .notAllowed(let context)?: found.append(.contextNotAllowed(context))
        case nil: break
        }

        let types = CredentialVocabulary.types(credential["type"])
        if !types.contains("VerifiableCredential") { found.append(.notVerifiableCredential) }
        let isOpenBadge = types.contains("AchievementCredential") || types.contains("OpenBadgeCredential")
        let isCLR = types.contains("ClrCredential")

        if let id = credential["id"] {
            if id.stringValue == nil { found.append(.memberWrongType("id", expected: "a string (URL)")) }
        } else if isOpenBadge || isCLR {
            found.append(.memberMissing("id"))
        }

        switch credential["issuer"] {
        case nil:
            found.append(.memberMissing("issuer"))
        case .string?:
            if isOpenBadge || isCLR { found.append(.memberWrongType("issuer", expected: "a Profile object")) }
        case .object?:
            if credential["issuer"]?["id"]?.stringValue == nil { found.append(.memberMissing("issuer.id")) }
            if (isOpenBadge || isCLR) && !CredentialVocabulary.types(credential["issuer"]?["type"]).contains("Profile") {
                found.append(.memberMissing("issuer.type Profile"))
            }
        default:
            found.append(.memberWrongType("issuer", expected: "a string or an object"))
        }

        for legacy in ["issuanceDate", "expirationDate"] where credential[legacy] != nil {
            found.append(.legacyDateMember(legacy))
        }
        if let from = credential["validFrom"] {
            if let text = from.stringValue {
                if !DateTimeStamp.isValid(text) { found.append(.dateWithoutTimeZone(field: "validFrom", value: text)) }
            } else {
                found.append(.memberWrongType("validFrom", expected: "a date-time string"))
            }
        } else {
            // VC 2.0 makes validFrom optional, but OB 3.0 requires it and the registry check
            // needs an issuance time to compare with the key's validity.
            found.append(.memberMissing("validFrom"))
        }
        if let until = credential["validUntil"] {
            if let text = until.stringValue {
                if !DateTimeStamp.isValid(text) { found.append(.dateWithoutTimeZone(field: "validUntil", value: text)) }
            } else {
                found.append(.memberWrongType("validUntil", expected: "a date-time string"))
            }
        }

        guard let subject = credential["credentialSubject"] else {
            found.append(.memberMissing("credentialSubject"))
            return found
        }
        if isCLR {
            found += clrSubjectProblems(subject)
        } else if isOpenBadge {
            found += achievementSubjectProblems(subject)
        } else if subject.objectMembers == nil && subject.arrayValue == nil {
            found.append(.memberWrongType("credentialSubject", expected: "an object"))
        }
        return found
    }

    /// CLR 2.0 `ClrSubject`: the type and at least one credential in `verifiableCredential`.
    private static func clrSubjectProblems(_ subject: JSONValue) -> [VerificationFinding] {
        guard case .object = subject else { return [.memberWrongType("credentialSubject", expected: "an object")] }
        var found: [VerificationFinding] = []
        if !CredentialVocabulary.types(subject["type"]).contains("ClrSubject") {
            found.append(.memberMissing("credentialSubject.type ClrSubject"))
        }
        guard let parts = subject["verifiableCredential"]?.arrayValue, !parts.isEmpty else {
            found.append(.memberMissing("credentialSubject.verifiableCredential"))
            return found
        }
        return found
    }

    /// OB 3.0 `AchievementSubject`: the type, `id` or `identifier`, and an achievement with
    /// `id`, `type`, `name`, `description` and `criteria`.
    private static func achievementSubjectProblems(_ subject: JSONValue) -> [VerificationFinding] {
        guard case .object = subject else { return [.memberWrongType("credentialSubject", expected: "an object")] }
        var found: [VerificationFinding] = []
        if !CredentialVocabulary.types(subject["type"]).contains("AchievementSubject") {
            found.append(.memberMissing("credentialSubject.type AchievementSubject"))
        }
        if subject["id"] == nil && (subject["identifier"]?.arrayValue?.isEmpty ?? true) {
            found.append(.memberMissing("credentialSubject.id or credentialSubject.identifier"))
        }
        for identity in subject["identifier"]?.arrayValue ?? [] {
            if identity["identityHash"]?.stringValue == nil || identity["hashed"]?.boolValue == nil {
                found.append(.memberMissing("credentialSubject.identifier[].identityHash/hashed"))
            }
        }
        guard let achievement = subject["achievement"], case .object = achievement else {
            found.append(.memberMissing("credentialSubject.achievement"))
            return found
        }
        for member in ["id", "name", "description"] where achievement[member]?.stringValue == nil {
            found.append(.memberMissing("credentialSubject.achievement.\(member)"))
        }
        if !CredentialVocabulary.types(achievement["type"]).contains("Achievement") {
            found.append(.memberMissing("credentialSubject.achievement.type Achievement"))
        }
        if achievement["criteria"]?.objectMembers == nil {
            found.append(.memberMissing("credentialSubject.achievement.criteria"))
        }
        return found
    }
}
