import DataIntegrity

extension YearRecordModel {
    /// The document as `JSONValue`, members in JCS order (so canonicalising finds every
    /// object sorted; the CLI prints them in the conventional order for people).
    func json(clrContexts: JSONValue, achievementContexts: JSONValue, clrSchema: JSONValue) -> JSONValue {
        let subjectID = JSONValue.string(self.subjectID)
        let validFrom = JSONValue.string(self.validFrom)
        let results: [JSONValue] = zip(achievement.resultDescriptionIDs, values).map { id, value in
            ["resultDescription": .string(id), "type": ["Result"], "value": .string(value)]
        }
        let part: JSONValue = [
            "@context": achievementContexts,
            "credentialSubject": [
                "achievement": achievement.achievement,
                "id": subjectID,
                "result": .array(results),
                "term": .string(term),
                "type": ["AchievementSubject"],
            ],
            "id": .string(partID),
            "issuer": issuer.minimal,
            "name": .string(partName),
            "type": YearRecordCredential.partTypes,
            "validFrom": validFrom,
        ]
        var identifiers: [JSONValue] = [hashedIdentifier.json]
        if let learnerName {
            identifiers.append(["hashed": false, "identityHash": .string(learnerName), "identityType": "name", "type": "IdentityObject"])
        }
        var members: [(key: String, value: JSONValue)] = [
            ("@context", clrContexts),
            ("credentialSchema", [clrSchema]),
            ("credentialStatus", YearRecordCredential.statusEntry(status)),
            ("credentialSubject", [
                "id": subjectID,
                "identifier": .array(identifiers),
                "type": ["ClrSubject"],
                "verifiableCredential": [part],
            ]),
            ("description", .string(description)),
            ("id", .string(id)),
            ("issuer", issuer.full),
            ("name", .string(name)),
            ("type", YearRecordCredential.clrTypes),
            ("validFrom", validFrom),
        ]
        if let validUntil { members.append(("validUntil", .string(validUntil))) }
        return .object(members)
    }

    /// The canonical (JCS) text of `json(...)`, written directly: the shared achievement,
    /// profiles and constant members are canonicalised once and copied, and only the
    /// learner's values are escaped per record. Records where each top-level member starts,
    /// for splicing in the proof.
    func canonical(constants: CanonicalConstants) -> CanonicalDocument {
        var writer = JSONTextWriter(sortMembers: true, capacity: 8192)
        var members: [(key: String, offset: Int)] = []
        members.reserveCapacity(11)
        // `text` starts with the brace or comma before the member, then its quoted name.
        func member(_ key: String, _ text: StaticString) {
            members.append((key, writer.count + 1))
            writer.raw(text)
        }
        member("@context", "{\"@context\":")
        writer.raw(constants.clrContexts)
        member("credentialSchema", ",\"credentialSchema\":[")
        writer.raw(constants.clrSchema)
        writer.raw("]")
        member("credentialStatus", ",\"credentialStatus\":")
        writeStatus(&writer)
        member("credentialSubject", ",\"credentialSubject\":{\"id\":")
        writer.writeString(subjectID)
        writer.raw(",\"identifier\":[{\"hashed\":true,\"identityHash\":")
        writer.writeString(hashedIdentifier.identityHash)
        writer.raw(",\"identityType\":")
        writer.writeString(hashedIdentifier.identityType)
        writer.raw(",\"salt\":")
        writer.writeString(hashedIdentifier.salt)
        writer.raw(",\"type\":\"IdentityObject\"}")
        if let learnerName {
            writer.raw(",{\"hashed\":false,\"identityHash\":")
            writer.writeString(learnerName)
            writer.raw(",\"identityType\":\"name\",\"type\":\"IdentityObject\"}")
        }
        writer.raw("],\"type\":[\"ClrSubject\"],\"verifiableCredential\":[{\"@context\":")
        writer.raw(constants.achievementContexts)
        writer.raw(",\"credentialSubject\":{\"achievement\":")
        writer.raw(achievement.achievementCanonical)
        writer.raw(",\"id\":")
        writer.writeString(subjectID)
        writer.raw(",\"result\":[")
        for (index, (id, value)) in zip(achievement.resultDescriptionIDs, values).enumerated() {
            writer.raw(index == 0 ? "{\"resultDescription\":" : ",{\"resultDescription\":")
            writer.writeString(id)
            writer.raw(",\"type\":[\"Result\"],\"value\":")
            writer.writeString(value)
            writer.raw("}")
        }
        writer.raw("],\"term\":")
        writer.writeString(term)
        writer.raw(",\"type\":[\"AchievementSubject\"]},\"id\":")
        writer.writeString(partID)
        writer.raw(",\"issuer\":")
        writer.raw(issuer.minimalCanonical)
        writer.raw(",\"name\":")
        writer.writeString(partName)
        writer.raw(",\"type\":[\"VerifiableCredential\",\"AchievementCredential\"],\"validFrom\":")
        writer.writeString(validFrom)
        writer.raw("}]}")
        member("description", ",\"description\":")
        writer.writeString(description)
        member("id", ",\"id\":")
        writer.writeString(id)
        member("issuer", ",\"issuer\":")
        writer.raw(issuer.fullCanonical)
        member("name", ",\"name\":")
        writer.writeString(name)
        member("type", ",\"type\":[\"VerifiableCredential\",\"ClrCredential\"]")
        member("validFrom", ",\"validFrom\":")
        writer.writeString(validFrom)
        if let validUntil {
            member("validUntil", ",\"validUntil\":")
            writer.writeString(validUntil)
        }
        writer.raw("}")
        return CanonicalDocument(bytes: writer.output, members: members)
    }
}

extension YearRecordModel {
    /// `YearRecordCredential.statusEntry(status)`, written directly.
    fileprivate func writeStatus(_ writer: inout JSONTextWriter) {
        writer.raw("{\"id\":")
        writer.writeString(status.id ?? "\(status.statusListCredential)#\(status.statusListIndex)")
        writer.raw(",\"statusListCredential\":")
        writer.writeString(status.statusListCredential)
        writer.raw(",\"statusListIndex\":")
        writer.writeString(String(status.statusListIndex))
        writer.raw(",\"statusPurpose\":")
        writer.writeString(status.statusPurpose)
        if status.statusSize != 1 {
            writer.raw(",\"statusSize\":")
            writer.raw(Array(String(status.statusSize).utf8))  // a number, as in statusEntry
        }
        writer.raw(",\"type\":\"BitstringStatusListEntry\"}")
    }
}

/// Canonical text of the constant members, made once per builder.
struct CanonicalConstants {
    let clrContexts: [UInt8]
    let achievementContexts: [UInt8]
    let clrSchema: [UInt8]
}
