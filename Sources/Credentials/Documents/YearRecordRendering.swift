import DataIntegrity

extension YearRecordModel {
    /// The document as `JSONValue`, members in JCS order (so canonicalising finds every
    /// object sorted; the CLI prints them in the conventional order for people).
    func json(clrContexts: JSONValue, achievementContexts: JSONValue, clrSchema: JSONValue) -> JSONValue {
        let subjectID = JSONValue.string(self.subjectID)
        let validFrom = JSONValue.string(self.validFrom)
        let term = JSONValue.string(self.term)
        let parts: [JSONValue] = parts.map { part in
            var result: [(key: String, value: JSONValue)] = []
            if let description = part.shared.resultDescriptionID { result.append(("resultDescription", .string(description))) }
            result.append(("type", ["Result"]))
            result.append(("value", .string(part.value)))
            return [
                "@context": achievementContexts,
                "credentialSubject": [
                    "achievement": part.shared.achievement,
                    "id": subjectID,
                    "result": [.object(result)],
                    "term": term,
                    "type": ["AchievementSubject"],
                ],
                "id": .string(part.id),
                "issuer": issuer.minimal,
                "name": .string(part.shared.partName),
                "type": YearRecordCredential.partTypes,
                "validFrom": validFrom,
            ]
        }
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
                "verifiableCredential": .array(parts),
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

    /// The canonical (JCS) text of `json(...)`, written directly: the shared achievements,
    /// profiles and constant members are canonicalised once and copied, and only the
    /// learner's values are escaped per record. Returns where each top-level member starts,
    /// for splicing in the proof.
    func canonical(constants: CanonicalConstants) -> (bytes: [UInt8], members: [(key: String, offset: Int)]) {
        let writer = CanonicalWriter(sortMembers: true, capacity: 24_576)
        var members: [(key: String, offset: Int)] = []
        members.reserveCapacity(11)
        func member(_ key: String, _ text: StaticString) {
            members.append((key, writer.sink.count))
            writer.raw(text)
        }
        member("@context", "{\"@context\":")
        writer.raw(constants.clrContexts)
        member("credentialSchema", ",\"credentialSchema\":[")
        writer.raw(constants.clrSchema)
        writer.raw("]")
        member("credentialStatus", ",\"credentialStatus\":")
        writeStatus(writer)
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
        writer.raw("],\"type\":[\"ClrSubject\"],\"verifiableCredential\":[")
        for (index, part) in parts.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw("{\"@context\":")
            writer.raw(constants.achievementContexts)
            writer.raw(",\"credentialSubject\":{\"achievement\":")
            writer.raw(part.shared.achievementCanonical)
            writer.raw(",\"id\":")
            writer.writeString(subjectID)
            writer.raw(",\"result\":[{")
            if let description = part.shared.resultDescriptionID {
                writer.raw("\"resultDescription\":")
                writer.writeString(description)
                writer.raw(",")
            }
            writer.raw("\"type\":[\"Result\"],\"value\":")
            writer.writeString(part.value)
            writer.raw("}],\"term\":")
            writer.writeString(term)
            writer.raw(",\"type\":[\"AchievementSubject\"]},\"id\":")
            writer.writeString(part.id)
            writer.raw(",\"issuer\":")
            writer.raw(issuer.minimalCanonical)
            writer.raw(",\"name\":")
            writer.writeString(part.shared.partName)
            writer.raw(",\"type\":[\"VerifiableCredential\",\"AchievementCredential\"],\"validFrom\":")
            writer.writeString(validFrom)
            writer.raw("}")
        }
        writer.raw("]}")
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
        // Offsets point at the comma before each member after the first; `splice` inserts
        // before a member's key, so move them past the comma.
        let offsets = members.enumerated().map { (key: $0.element.key, offset: $0.offset == 0 ? 1 : $0.element.offset + 1) }
        return (writer.output, offsets)
    }
}

extension YearRecordModel {
    /// `YearRecordCredential.statusEntry(status)`, written directly.
    fileprivate func writeStatus(_ writer: CanonicalWriter) {
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
