import Crypto

extension EddsaJcs2022 {
    /// Verifies the single eddsa-jcs-2022 proof on `document`.
    ///
    /// Steps, each recorded in the result: a proof object is present; its type,
    /// cryptosuite and purpose are right; the document's `@context` starts with the
    /// proof's; `proofValue` decodes to 64 bytes; `verificationMethod` resolves to a key;
    /// the signature matches `hashData(proof without proofValue, document without proof)`.
    ///
    /// A proof without `@context` is accepted as the specification allows (the document
    /// hash still covers the document's `@context`); `sign` always writes one.
    /// Issuer trust, validity dates and status are the caller's next steps.
    ///
    /// - Parameters:
    ///   - expectedProofPurpose: the purpose the relying party needs.
    ///   - resolve: maps a verification method to its key; the default resolves did:key
    ///     locally. Errors it throws are reported as `keyNotResolvable`.
    public static func verify(
        document: JSONValue,
        expectedProofPurpose: String = defaultProofPurpose,
        resolve: (String) throws -> Curve25519.Signing.PublicKey = { try DIDKey.resolve(verificationMethod: $0) }
    ) -> ProofVerification {
        var passed: [ProofCheck] = []
        var method: String?

        func fail(_ failure: ProofFailure) -> ProofVerification {
            ProofVerification(passedChecks: passed, failure: failure, verificationMethod: method)
        }

        guard case .object = document else { return fail(.documentNotObject) }
        let proof: JSONValue
        switch document["proof"] {
        case nil:
            return fail(.noProof)
        case .object(let members)?:
            proof = .object(members)
        case .array(let items)?:
            return fail(.proofSetNotSupported(count: items.count))
        case let other?:
            return fail(.proofNotObject(found: other.typeName))
        }
        method = proof["verificationMethod"]?.stringValue
        passed.append(.proofPresent)

        let type = proof["type"]?.stringValue
        guard type == proofType else { return fail(.wrongProofType(found: type)) }
        passed.append(.proofType)

        let suite = proof["cryptosuite"]?.stringValue
        guard suite == cryptosuite else { return fail(.wrongCryptosuite(found: suite)) }
        passed.append(.cryptosuite)

        let purpose = proof["proofPurpose"]?.stringValue
        guard purpose == expectedProofPurpose else {
            return fail(.wrongProofPurpose(expected: expectedProofPurpose, found: purpose))
        }
        passed.append(.proofPurpose)

        if let proofContext = proof["@context"] {
            let required = contextEntries(proofContext)
            let actual = document["@context"].map(contextEntries) ?? []
            guard actual.starts(with: required) else { return fail(.contextMismatch) }
        }
        passed.append(.contextPrefix)

        let signature: [UInt8]
        switch decodeProofValue(proof["proofValue"]) {
        case .success(let bytes): signature = bytes
        case .failure(let failure): return fail(failure)
        }
        passed.append(.proofValue)

        guard let method else { return fail(.missingVerificationMethod) }
        let key: Curve25519.Signing.PublicKey
        do {
            key = try resolve(method)
        } catch let error as KeyError {
            return fail(.keyNotResolvable(verificationMethod: method, reason: error.message))
        } catch {
            return fail(.keyNotResolvable(verificationMethod: method, reason: String(describing: error)))
        }
        passed.append(.verificationMethod)

        let data: [UInt8]
        do {
            data = try hashData(
                proofOptions: proof.removingMember("proofValue"),
                unsecuredDocument: document.removingMember("proof"))
        } catch {
            return fail(.canonicalizationFailed(reason: error.message))
        }
        guard key.isValidSignature(signature, for: data) else { return fail(.signatureMismatch) }
        passed.append(.signature)
        return ProofVerification(passedChecks: passed, failure: nil, verificationMethod: method)
    }

    /// `@context` as a list: a single string or object counts as a one-entry list.
    private static func contextEntries(_ context: JSONValue) -> [JSONValue] {
        if case .array(let items) = context { return items }
        return [context]
    }

    private static func decodeProofValue(_ value: JSONValue?) -> Result<[UInt8], ProofFailure> {
        guard let text = value?.stringValue else {
            return .failure(.malformedProofValue(reason: "proofValue is missing or not a string."))
        }
        let bytes: [UInt8]
        do {
            bytes = try Multibase.base58btc.decode(text)
        } catch {
            return .failure(.malformedProofValue(reason: error.message))
        }
        guard bytes.count == signatureLength else {
            return .failure(.malformedProofValue(
                reason: "the signature is \(bytes.count) bytes, expected \(signatureLength)."))
        }
        return .success(bytes)
    }
}
