import Crypto
import Foundation
import Platform

/// Signing keys are stored sealed with AES-256-GCM under a key-encryption key that never enters the
/// database: `NEMIS_KEY_ENCRYPTION_KEY` (32 bytes, base64), or for an embedded SQLite deployment a
/// key file created beside the database with owner-only permissions. The key's row ID is bound into
/// each seal, so a sealed secret copied to another row does not open.
public struct KeyVault: Sendable {
    private let key: SymmetricKey

    public init(key: SymmetricKey) {
        self.key = key
    }

    /// From 32 bytes in base64.
    public init(base64: String) throws {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            throw KeyVaultError.badKey("NEMIS_KEY_ENCRYPTION_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)")
        }
        key = SymmetricKey(data: data)
    }

    /// Reads the key file at `path`, creating it (mode 0600) with a fresh random key when missing.
    public static func file(at path: String) throws -> KeyVault {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) { return try KeyVault(base64: text) }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        guard FileManager.default.createFile(atPath: path, contents: Data((fresh + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KeyVaultError.badKey("cannot create the key file \(path)")
        }
        return try KeyVault(base64: fresh)
    }

    func seal(_ secret: Data, boundTo id: String) throws -> String {
        try AES.GCM.seal(secret, using: key, authenticating: Data(id.utf8)).combined!.base64EncodedString()
    }

    func open(_ sealed: String, boundTo id: String) throws -> Data {
        guard let data = Data(base64Encoded: sealed) else { throw KeyVaultError.unreadable(id) }
        do {
            return try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key, authenticating: Data(id.utf8))
        } catch {
            throw KeyVaultError.unreadable(id)
        }
    }
}

public enum KeyVaultError: Error, CustomStringConvertible {
    case badKey(String)
    case unreadable(String)

    public var description: String {
        switch self {
        case .badKey(let reason): reason
        case .unreadable(let id): "the signing key \(id) cannot be opened with this server's key-encryption key"
        }
    }
}
