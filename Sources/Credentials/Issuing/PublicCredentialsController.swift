import DataIntegrity
import Foundation
import Hummingbird
import Platform
import SQLKit

/// What anyone may fetch without signing in: the issuer registry the ministry signs, the status
/// lists, and verification of a credential against both.
struct PublicCredentialsController {
    let database: any Database
    let keys: SigningKeyStore
    let statusLists: StatusListStore

    func register(in catalog: APICatalog) {
        catalog.add(APIRoute(.get, "/api/v1/credentials/registry", summary: "The issuer registry: every school's keys, signed by the ministry",
                             tag: "Credentials", isPublic: true), registry)
        catalog.add(APIRoute(.get, "/api/v1/credentials/status-lists/{id}", summary: "A school's revocation list (BitstringStatusListCredential)",
                             tag: "Credentials", isPublic: true), statusList)
        catalog.add(APIRoute(.post, "/api/v1/credentials/verify", summary: "Verify a credential: proof, dates, issuer registry, revocation",
                             tag: "Credentials", isPublic: true), verify)
    }

    @Sendable func registry(_ request: Request, _ context: NEMISContext) async throws -> Response {
        JSONResponse.raw(try await signedRegistry().encodedString())
    }

    func signedRegistry() async throws -> JSONValue {
        try await database.read { db in
            let ministry = try await keys.ministryKey(db)
            let document = IssuerRegistryDocument.build(schools: try await keys.registrySchools(db), ministryDID: ministry.did, validFrom: Date())
            return try CredentialSigner.sign(document, with: ministry, created: Date())
        }
    }

    @Sendable func statusList(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let list = try await database.read { db in
            try await statusLists.published(db, listID: id, ministry: try await keys.ministryKey(db))
        }
        return JSONResponse.raw(try list.encodedString())
    }

    @Sendable func verify(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        let credential: JSONValue
        do {
            credential = try JSONParser.parse(Array(buffer: body))
        } catch {
            throw APIError.malformed(field: nil, "the body is not a JSON credential: \(error.message)")
        }
        return JSONResponse.raw(try await report(credential).json.encodedString())
    }

    /// The credential checked against this server's registry and its own status lists.
    func report(_ credential: JSONValue) async throws -> VerificationReport {
        let signed = try await signedRegistry()
        let registry = try IssuerRegistry(credential: signed)
        var lists: [String: JSONValue] = [:]
        let prefix = statusLists.url(of: "")
        if let url = credential["credentialStatus"]?["statusListCredential"]?.stringValue, url.hasPrefix(prefix) {
            let listID = String(url.dropFirst(prefix.count))
            lists[url] = try? await database.read { db in
                try await statusLists.published(db, listID: listID, ministry: try await keys.ministryKey(db))
            }
        }
        return CredentialVerifier.verify(credential: credential, registry: registry, statusLists: lists,
                                         trustedRegistryKey: registry.issuer, requireStatus: true)
    }
}
