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
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        // O_EXCL: of two processes starting together, one creates the key and the other reads it; an
        // existing file is never replaced (that would make every sealed key unreadable).
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor >= 0 {
            let bytes = Array((fresh + "\n").utf8)
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor)
            close(descriptor)
            guard written == bytes.count, synced == 0 else { throw KeyVaultError.badKey("cannot write the key file \(path)") }
            return try KeyVault(base64: fresh)
        }
        guard errno == EEXIST else { throw KeyVaultError.badKey("cannot create the key file \(path): \(String(cString: strerror(errno)))") }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw KeyVaultError.badKey("the key file \(path) exists but cannot be read; it is never replaced, since the keys it seals would be lost")
        }
        return try KeyVault(base64: text)
    }

    func seal(_ secret: Data, boundTo id: String) throws -> String {
        try AES.GCM.seal(secret, using: key, authenticating: Data(id.utf8)).combined!.base64EncodedString()
    }

    func unseal(_ sealed: String, boundTo id: String) throws -> Data {
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
