import Crypto
import DataIntegrity
import Foundation

/// Key pairs on disk for the offline tools: a W3C `Multikey` JSON object with the secret
/// key added as `secretKeyMultibase` (the layout of the W3C eddsa test key), plus the role.
///
/// The server keeps school keys encrypted in the database; these files are for the
/// ministry's offline signing of the registry and for trying the flow end to end.
public enum KeyFile {
    /// The JSON of `key`, secret included.
    public static func json(_ key: IssuerKey, created: Date = Date()) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("type", "Multikey"),
            ("id", .string(key.verificationMethod)),
            ("controller", .string(key.did)),
            ("publicKeyMultibase", .string(key.didKey.multikey)),
            ("secretKeyMultibase", .string(Ed25519Multikey.encode(key.privateKey))),
            ("role", .string(key.role.rawValue)),
            ("created", .string(DateTimeStamp.format(created))),
        ]
        if let label = key.label { members.append(("label", .string(label))) }
        return .object(members)
    }

    /// Reads a key from its JSON, checking that the public key matches the secret.
    public static func parse(_ json: JSONValue) throws(KeyFileError) -> IssuerKey {
        guard let secret = json["secretKeyMultibase"]?.stringValue else { throw .missingField("secretKeyMultibase") }
        let privateKey: Curve25519.Signing.PrivateKey
        do throws(KeyError) {
            privateKey = try Ed25519Multikey.decodePrivateKey(secret)
        } catch {
            throw .invalidSecretKey(error.message)
        }
        guard let roleText = json["role"]?.stringValue else { throw .missingField("role") }
        guard let role = IssuerKey.Role(rawValue: roleText) else { throw .unknownRole(roleText) }
        let key = IssuerKey(privateKey: privateKey, role: role, label: json["label"]?.stringValue)
        if let stated = json["publicKeyMultibase"]?.stringValue, stated != key.didKey.multikey {
            throw .publicKeyMismatch
        }
        return key
    }

    /// Writes `key` to `url` readable by the owner only (mode 0600), refusing to replace an
    /// existing file unless `overwrite`: losing a ministry key cannot be undone.
    public static func write(_ key: IssuerKey, to url: URL, overwrite: Bool = false, created: Date = Date()) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: url.path) {
            guard overwrite else { throw KeyFileError.fileExists(url.path) }
            try manager.removeItem(at: url)
        }
        let text = try JCS.canonicalString(json(key, created: created)) + "\n"
        // Created with 0600 from the start, so the secret is never readable by others.
        guard manager.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KeyFileError.cannotWrite(url.path)
        }
    }

    /// Reads a key file.
    public static func read(from url: URL) throws -> IssuerKey {
        try parse(JSONParser.parse(Array(try Data(contentsOf: url))))
    }
}

/// Why a key file could not be read or written.
public enum KeyFileError: Error, Equatable, Sendable {
    case missingField(String)
    case invalidSecretKey(String)
    case unknownRole(String)
    case publicKeyMismatch
    case fileExists(String)
    case cannotWrite(String)

    /// A readable explanation.
    public var message: String {
        switch self {
        case .missingField(let field): "The key file has no \"\(field)\"."
        case .invalidSecretKey(let reason): "The secret key is not a valid Ed25519 multikey: \(reason)"
        case .unknownRole(let role): "Unknown key role \"\(role)\"; expected ministry or school."
        case .publicKeyMismatch: "The key file's public key does not belong to its secret key."
        case .fileExists(let path): "\(path) already exists; pass --force to replace it."
        case .cannotWrite(let path): "Could not write \(path)."
        }
    }
}

extension KeyFileError: CustomStringConvertible {
    public var description: String { message }
}
