import ArgumentParser
import Credentials
import DataIntegrity
import Foundation

/// `nemis credentials …`: the electronic school record (học bạ số) as verifiable credentials,
/// offline: keys, the ministry's issuer registry, signing, status lists and verification.
struct CredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Sign and verify school records (học bạ số) as verifiable credentials, offline.",
        discussion: """
            A year record is a CLR 2.0 ClrCredential of Open Badges 3.0 AchievementCredentials on the \
            W3C VC 2.0 data model, signed with eddsa-jcs-2022 by the school's did:key. The ministry signs \
            an issuer registry that says which school holds which key and when. To try the whole flow:
              nemis credentials keygen --role ministry --out moet.key.json
              nemis credentials keygen --role school --label 19TH001 --out school.key.json
              (write registry.json listing the school's key; see `registry sign --help`)
              nemis credentials registry sign --key moet.key.json registry.json --out registry.signed.json
              nemis credentials example --key school.key.json --out record.json
              nemis credentials sign --key school.key.json record.json --out record.signed.json
              nemis credentials status-list create --key school.key.json \\
                  --id https://nemis.example.vn/status/19TH001/1 --out status.json
              nemis credentials verify record.signed.json --registry registry.signed.json \\
                  --ministry-key <ministry did> --status-list status.json --trusted-only
            """,
        subcommands: [
            Verify.self, Keygen.self, RegistryCommand.self, Sign.self, StatusListCommand.self, Example.self, Bench.self,
        ])

    // MARK: verify

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a credential offline: proof, shape, dates, issuer registry and revocation status.",
            discussion: """
                Prints each check in Vietnamese and English, the issuer, and whether the issuer's key is in \
                the ministry's registry. Exit status:
                  0  valid: the proof holds, the dates hold and the credential is not revoked
                  1  invalid proof or structure
                  2  revoked or suspended
                  3  outside its validity period (validFrom / validUntil)
                  4  issuer not trusted: key outside its registered validity or compromised, the registry \
                is invalid or not signed by --ministry-key, or (with --trusted-only) the key is not registered
                  5  an input file is unreadable (missing, not JSON, not a registry)
                  6  revocation status unknown: a status list is invalid, or missing with --require-status
                When several checks fail, the first of 1, 2, 4, 3, 6 decides.
                """)

        @Argument(help: "The credential to verify (JSON file; '-' reads standard input).")
        var file: String

        @Option(name: .long, help: "The ministry's signed issuer registry (JSON file).")
        var registry: String?

        @Option(name: .customLong("status-list"), help: "A signed BitstringStatusListCredential (JSON file); repeat for several lists.")
        var statusLists: [String] = []

        @Option(name: .customLong("ministry-key"),
                help: "The ministry's DID the registry must be signed by. Default: NEMIS_MINISTRY_DID. Without it the registry is unanchored.")
        var ministryKey: String?

        @Flag(name: .customLong("trusted-only"), help: "Fail (exit 4) when the issuer's key is not in an anchored registry.")
        var trustedOnly = false

        @Flag(name: .customLong("require-status"), help: "Fail (exit 6) when revocation status cannot be checked (no status list given).")
        var requireStatus = false

        @Option(name: .long, help: "Check the dates at this time instead of now (e.g. 2026-01-01T00:00:00+07:00).")
        var at: String?

        @Flag(name: .long, help: "Print the report as JSON instead of text.")
        var json = false

        func run() async throws {
            let now = try parseDate(at, option: "--at") ?? Date()
            let credential = try readInput(file)
            var registryValue: IssuerRegistry?
            if let registry {
                do {
                    registryValue = try IssuerRegistry(credential: readInput(registry))
                } catch let error as IssuerRegistryError {
                    throw unreadable("\(registry): \(error.message)")
                }
            }
            let lists = try statusLists.map(readInput)
            let report = CredentialVerifier.verify(
                credential: credential, registry: registryValue, statusLists: CredentialVerifier.statusListsByID(lists),
                trustedRegistryKey: ministryKey ?? ProcessInfo.processInfo.environment["NEMIS_MINISTRY_DID"],
                now: now, trustedOnly: trustedOnly, requireStatus: requireStatus)
            if json {
                print(JSONText.pretty(report.json, readingOrder: false))
            } else {
                print(Self.render(report))
            }
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        }

        static func render(_ report: VerificationReport) -> String {
            var lines: [String] = []
            lines.append("Văn bằng / Credential: \(report.credentialID ?? "(no id)") [\(report.types.joined(separator: ", "))]")
            let issuer = report.issuer
            var claimed = issuer.claimedName.map { " \"\($0)\"" } ?? ""
            if let code = issuer.claimedSectorCode { claimed += " (\(code))" }
            lines.append("Đơn vị cấp / Issuer: \(issuer.id ?? "?")\(claimed) — tự khai / self-asserted")
            lines.append("Khóa trong danh sách của Bộ / Key in registry: " + registryLine(issuer))
            lines.append("")
            for result in report.checks {
                let tag = switch result.outcome {
                case .passed: "[ĐẠT / PASS]"
                case .failed: "[LỖI / FAIL]"
                case .warning: "[LƯU Ý / WARN]"
                case .skipped: "[BỎ QUA / SKIP]"
                }
                lines.append("\(tag) \(result.check.titleVI) / \(result.check.titleEN)")
                lines.append("    \(result.messageVI)")
                lines.append("    \(result.messageEN)")
            }
            lines.append("")
            lines.append("Kết luận: \(report.verdictVI)")
            lines.append("Result:   \(report.verdictEN)")
            return lines.joined(separator: "\n")
        }

        private static func registryLine(_ issuer: IssuerSummary) -> String {
            guard let registration = issuer.registration else { return "chưa kiểm tra / not checked" }
            let anchor = issuer.registryAnchored ? "" : " — danh sách chưa đối chiếu khóa Bộ / registry not anchored"
            switch registration {
            case .valid(let school, _):
                return "có / yes — \(school.sectorCode) \(school.name)\(anchor)"
            case .unregistered:
                return "không / no\(anchor)"
            case .notYetValid(let school, _), .expired(let school, _):
                return "có nhưng ngoài thời hạn / yes, but outside its validity — \(school.sectorCode)\(anchor)"
            case .compromised(let school, _):
                return "có nhưng đã thu hồi (lộ khóa) / yes, but revoked as compromised — \(school.sectorCode)\(anchor)"
            }
        }
    }

    // MARK: keygen

    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new Ed25519 key pair (Multikey JSON with its did:key), readable by you only (mode 0600).")

        @Option(name: .long, help: "Whose key: ministry (signs the issuer registry) or school (signs records and status lists).")
        var role: String

        @Option(name: .long, help: "A label stored with the key, e.g. the school's code 19TH001.")
        var label: String?

        @Option(name: .long, help: "File to write; it must not exist unless --force is given.")
        var out: String

        @Flag(name: .long, help: "Replace an existing file.")
        var force = false

        func run() async throws {
            guard let role = IssuerKey.Role(rawValue: role) else {
                throw ValidationError("--role must be ministry or school")
            }
            let key = IssuerKey.generate(role: role, label: label)
            do {
                try KeyFile.write(key, to: URL(fileURLWithPath: out), overwrite: force)
            } catch let error as KeyFileError {
                throw ValidationError(error.message)
            }
            print("wrote \(role.rawValue) key \(out) (mode 0600)")
            print("did:                \(key.did)")
            print("verificationMethod: \(key.verificationMethod)")
        }
    }

    // MARK: registry

    struct RegistryCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registry", abstract: "The ministry's issuer registry: which school holds which key, and when.",
            subcommands: [RegistrySign.self])
    }

    struct RegistrySign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign a listing of schools' keys as the issuer registry credential, with the ministry key.",
            discussion: """
                The input lists schools and their keys; dates need a time zone. Rotation adds a key whose \
                validFrom is at or before the old key's validUntil; a compromised key gets revokedAt (credentials \
                issued from then on fail):
                  {"schools": [{"sectorCode": "19TH001", "name": "Trường THCS Chu Văn An", "keys": [
                    {"id": "did:key:z6Mk...", "validFrom": "2024-08-01T00:00:00+07:00",
                     "validUntil": "2026-08-01T00:00:00+07:00", "revokedAt": "2025-09-01T00:00:00+07:00"}]}]}
                """)

        @Option(name: .long, help: "The ministry's key file (role ministry).")
        var key: String

        @Argument(help: "The listing of schools and keys (JSON file).")
        var input: String

        @Option(name: .customLong("valid-from"), help: "When this edition takes effect. Default: now.")
        var validFrom: String?

        @Option(name: .customLong("valid-until"), help: "When verifiers should stop using this edition. Default: none.")
        var validUntil: String?

        @Option(name: .long, help: "File to write. Default: standard output.")
        var out: String?

        func run() async throws {
            let ministry = try readKey(key)
            guard ministry.role == .ministry else { throw ValidationError("\(key) is a \(ministry.role.rawValue) key; the registry is signed with the ministry key") }
            let listing = try readInput(input)
            let schools: [RegisteredSchool]
            do {
                schools = try IssuerRegistryDocument.schools(fromListing: listing)
            } catch {
                throw ValidationError("\(input): \(error.message)")
            }
            let from = try parseDate(validFrom, option: "--valid-from") ?? Date()
            let document = IssuerRegistryDocument.build(
                schools: schools, ministryDID: ministry.did, validFrom: from,
                validUntil: try parseDate(validUntil, option: "--valid-until"))
            let signed = try signOrFail(document, ministry, created: Date())
            try writeOutput(signed, to: out)
            let keys = schools.reduce(0) { $0 + $1.keys.count }
            printNote("signed registry of \(schools.count) schools and \(keys) keys with \(ministry.did)")
        }
    }

    // MARK: sign

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a credential (JSON file) with a school key; its issuer must be the key's did:key.")

        @Option(name: .long, help: "The signing key file.")
        var key: String

        @Argument(help: "The unsigned credential (JSON file; '-' reads standard input).")
        var input: String

        @Option(name: .long, help: "The proof's created time. Default: now.")
        var created: String?

        @Option(name: .long, help: "File to write. Default: standard output.")
        var out: String?

        func run() async throws {
            let signingKey = try readKey(key)
            let document = try readInput(input)
            let signed = try signOrFail(document, signingKey, created: try parseDate(created, option: "--created") ?? Date())
            try writeOutput(signed, to: out)
            printNote("signed \(document["id"]?.stringValue ?? "credential") with \(signingKey.verificationMethod)")
        }
    }

    // MARK: status-list

    struct StatusListCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status-list", abstract: "Bitstring Status Lists that publish revocations.",
            subcommands: [StatusListCreate.self])
    }

    struct StatusListCreate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Write a signed BitstringStatusListCredential (131,072 entries) with the given entries set.")

        @Option(name: .long, help: "The key that signs the list: the issuing school's, or the ministry's.")
        var key: String

        @Option(name: .long, help: "The list's URL, which credentials name in statusListCredential.")
        var id: String

        @Option(name: .long, help: "An entry to set (e.g. a revoked credential's statusListIndex); repeatable.")
        var set: [Int] = []

        @Option(name: .long, help: "The list's purpose: revocation, suspension or message.")
        var purpose = "revocation"

        @Option(name: .customLong("valid-until"), help: "When verifiers should fetch a newer list. Default: none.")
        var validUntil: String?

        @Option(name: .long, help: "File to write. Default: standard output.")
        var out: String?

        func run() async throws {
            let signingKey = try readKey(key)
            var bits = try StatusBitstring()
            for index in set {
                do {
                    try bits.setBit(at: index, to: true)
                } catch {
                    throw ValidationError("--set \(index): \(error.message)")
                }
            }
            let document = StatusListCredential.build(
                id: id, issuer: signingKey.did, purpose: purpose, bitstring: bits, validFrom: Date(),
                validUntil: try parseDate(validUntil, option: "--valid-until"))
            try writeOutput(try signOrFail(document, signingKey, created: Date()), to: out)
            printNote("signed status list \(id) with \(set.count) entries set")
        }
    }

    // MARK: example

    struct Example: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an unsigned example year record credential (synthetic learner, 12 subjects) issued by a key's school.")

        @Option(name: .long, help: "The school key file whose did:key becomes the issuer.")
        var key: String

        @Option(name: .customLong("school-name"), help: "The school's name.")
        var schoolName = "Trường THCS Chu Văn An"

        @Option(name: .customLong("school-code"), help: "The school's sector code. Default: the key's label, else 19TH001.")
        var schoolCode: String?

        @Option(name: .customLong("status-list"), help: "The status list URL the record points at.")
        var statusList = "https://nemis.example.vn/status/19TH001/1"

        @Option(name: .long, help: "Which synthetic learner (the same number gives the same record).")
        var index = 0

        @Option(name: .long, help: "File to write. Default: standard output.")
        var out: String?

        func run() async throws {
            let signingKey = try readKey(key)
            let school = SchoolProfile(did: signingKey.did, name: schoolName, sectorCode: schoolCode ?? signingKey.label ?? "19TH001")
            let record = SyntheticYearRecords(school: school, statusListURL: statusList).record(index)
            let document: JSONValue
            do {
                document = try YearRecordCredential.build(record)
            } catch {
                throw ValidationError(error.message)
            }
            try writeOutput(document, to: out)
            printNote("example record \(document["id"]?.stringValue ?? ""): status list index \(record.status.statusListIndex)")
        }
    }

    // MARK: bench

    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark: raw Ed25519 beside end-to-end credential sign and verify, then a batch of year records.")

        @Option(name: .long, help: "Records in the batch (default 1,500,000: a province's year records).")
        var count = 1_500_000

        @Option(name: .long, help: "Seconds each rate is measured for.")
        var seconds = 3.0

        @Option(name: .long, help: "Threads for the all-core figures and the batch. Default: all cores.")
        var workers = ProcessInfo.processInfo.activeProcessorCount

        @Option(name: .long, help: "Measure only the rates whose name contains this text (e.g. \"JCS\"), for profiling; 0 --count skips the batch.")
        var only: String?

        func run() async throws {
            print("# \(workers) threads on \(ProcessInfo.processInfo.activeProcessorCount) cores")
            _ = try CredentialBenchmark.run(.init(seconds: seconds, batchCount: count, workers: workers, only: only)) { print($0) }
        }
    }
}

// MARK: - Files

/// An input that could not be read: exit status 5, as `verify --help` documents.
private func unreadable(_ message: String) -> any Error {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(5)
}

/// Parses a JSON file strictly ('-' is standard input).
private func readInput(_ path: String) throws -> JSONValue {
    let data: Data
    do {
        data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw unreadable("cannot read \(path): \(error.localizedDescription)")
    }
    do {
        return try JSONParser.parse(Array(data))
    } catch {
        throw unreadable("\(path) is not valid JSON: \(error.message)")
    }
}

private func readKey(_ path: String) throws -> IssuerKey {
    do {
        return try KeyFile.parse(readInput(path))
    } catch let error as KeyFileError {
        throw ValidationError("\(path): \(error.message)")
    }
}

private func signOrFail(_ document: JSONValue, _ key: IssuerKey, created: Date) throws -> JSONValue {
    do {
        return try CredentialSigner.sign(document, with: key, created: created)
    } catch {
        throw ValidationError(error.message)
    }
}

private func writeOutput(_ value: JSONValue, to path: String?) throws {
    let text = JSONText.pretty(value) + "\n"
    if let path {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Notes go to standard error so standard output stays pure JSON when piped.
private func printNote(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

private func parseDate(_ text: String?, option: String) throws -> Date? {
    guard let text else { return nil }
    guard let date = DateTimeStamp.parse(text) else {
        throw ValidationError("\(option) must be a date-time with a time zone, e.g. 2025-06-01T08:00:00+07:00")
    }
    return date
}

/// Indented JSON for files people read, with the members people look for first (`@context`,
/// `id`, `type`, `issuer`, dates, `name`…) and the rest in their order. Member order does not
/// affect an eddsa-jcs-2022 proof (JCS sorts before hashing), and strings and numbers are
/// written with the JCS rules, so re-parsing gives the same value and the proof still holds.
enum JSONText {
    private static let leading = [
        "@context", "id", "type", "issuer", "validFrom", "validUntil", "name", "description",
        "credentialSubject", "credentialStatus", "credentialSchema", "proof",
    ]

    private static func readingOrder(_ members: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        let first = leading.compactMap { key in members.first { $0.key == key } }
        return first + members.filter { !leading.contains($0.key) }
    }

    /// - Parameter readingOrder: put the usual credential members first (for credentials);
    ///   `false` keeps the value's own order (for reports).
    static func pretty(_ value: JSONValue, readingOrder: Bool = true) -> String {
        var out = ""
        write(value, indent: "", reorder: readingOrder, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: String, reorder: Bool, into out: inout String) {
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                write(item, indent: inner, reorder: reorder, into: &out)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let unordered) where !unordered.isEmpty:
            let members = reorder ? readingOrder(unordered) : unordered
            out += "{\n"
            for (i, member) in members.enumerated() {
                out += inner + ((try? JSONValue.string(member.key).encodedString()) ?? "\"\"") + ": "
                write(member.value, indent: inner, reorder: reorder, into: &out)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        default:
            out += (try? value.encodedString()) ?? "null"
        }
    }
}
