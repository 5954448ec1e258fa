import DataIntegrity

/// The JSON-LD contexts, types and schema references the credentials use.
///
/// No JSON-LD processing happens (eddsa-jcs-2022 signs the JSON text), so the verifier
/// accepts only contexts it knows by their exact URL: an unknown context could redefine
/// terms for a JSON-LD consumer while the signature still holds (DOMAIN.md §4.2).
public enum CredentialVocabulary {
    /// W3C VC Data Model 2.0; always the first context.
    public static let vc2Context = "https://www.w3.org/ns/credentials/v2"
    /// 1EdTech Comprehensive Learner Record 2.0.1.
    public static let clr2Context = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
    /// 1EdTech Open Badges 3.0.3.
    public static let ob3Context = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    /// Open Badges 3.0 extensions, seen in 1EdTech's own examples.
    public static let ob3ExtensionsContext = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"

    /// Context URLs a credential may use besides inline contexts the verifier knows.
    public static let allowedContextURLs: Set<String> = [vc2Context, clr2Context, ob3Context, ob3ExtensionsContext]

    /// `@context` of a year-record `ClrCredential`: VC 2.0 first, then CLR 2.0.1 and OB 3.0.3.
    public static let clrContexts: JSONValue = [.string(vc2Context), .string(clr2Context), .string(ob3Context)]
    /// `@context` of an OB 3.0 `AchievementCredential`.
    public static let achievementContexts: JSONValue = [.string(vc2Context), .string(ob3Context)]

    /// 1EdTech's JSON Schema for a `ClrCredential`, named in `credentialSchema` so 1EdTech
    /// validators know what to check the document against.
    public static let clrSchema: JSONValue = [
        "id": "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json",
        "type": "1EdTechJsonSchemaValidator2019",
    ]

    /// Whether `@context` is a VC 2.0 context list this verifier accepts: the VC 2.0 URL
    /// first, then only allowed URLs or inline contexts listed in `inlineContexts`.
    static func contextProblem(_ context: JSONValue?, inlineContexts: [JSONValue] = []) -> ContextProblem? {
        guard let context else { return .missing }
        let entries: [JSONValue]
        if case .array(let items) = context { entries = items } else { entries = [context] }
        guard entries.first?.stringValue == vc2Context else { return .firstNotVC2(found: entries.first.map(describe)) }
        for entry in entries.dropFirst() {
            if let url = entry.stringValue {
                guard allowedContextURLs.contains(url) else { return .notAllowed(url) }
            } else if !inlineContexts.contains(where: { $0.canonicallyOrdered() == entry.canonicallyOrdered() }) {
                return .notAllowed(describe(entry))
            }
        }
        return nil
    }

    /// A short rendering of a JSON value for messages.
    static func describe(_ value: JSONValue) -> String {
        if let text = value.stringValue { return text }
        let text = (try? value.encodedString()) ?? value.typeName
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    /// `type` as a list of strings (a single string counts as one).
    static func types(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let s)?: [s]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
    }

    /// The `id` of `issuer`, whether it is written as a string or as a Profile object.
    static func issuerID(_ credential: JSONValue) -> String? {
        switch credential["issuer"] {
        case .string(let id)?: id
        case .object?: credential["issuer"]?["id"]?.stringValue
        default: nil
        }
    }

    /// The DID part of a verification method (`did:key:X#X` → `did:key:X`).
    static func controller(ofVerificationMethod method: String) -> String {
        guard let hash = method.firstIndex(of: "#") else { return method }
        return String(method[..<hash])
    }
}

/// What is wrong with a credential's `@context`.
enum ContextProblem: Equatable, Sendable {
    case missing
    case firstNotVC2(found: String?)
    case notAllowed(String)
}
