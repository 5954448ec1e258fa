import Crypto
import DataIntegrity
import Foundation
import Platform
import Synchronization

/// The credential speed benchmark (issue 6): raw swift-crypto Ed25519 beside end-to-end
/// credential signing and verification in the same run, on one core and on all cores,
/// then a province-sized batch.
public enum CredentialBenchmark {
    /// What to run.
    public struct Options: Sendable {
        /// Seconds each rate is measured for.
        public var seconds: Double
        /// Records in the batch (1.5 million: a province's year records).
        public var batchCount: Int
        /// Threads for the all-core figures and the batch.
        public var workers: Int
        /// Measure only the rates whose name contains this text (for profiling one step).
        public var only: String?

        /// Options; the defaults are the figures.
        public init(
            seconds: Double = 3, batchCount: Int = 1_500_000, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
            only: String? = nil
        ) {
            self.seconds = seconds
            self.batchCount = batchCount
            self.workers = workers
            self.only = only
        }
    }

    /// One measured rate.
    public struct Rate: Sendable {
        /// What was measured.
        public let name: String
        /// Calls completed, on all threads.
        public let operations: Int
        /// Wall-clock time they took.
        public let seconds: Double
        /// Calls per second.
        public var perSecond: Double { Double(operations) / seconds }
    }

    /// Everything measured.
    public struct Results: Sendable {
        /// Threads used for the all-core figures and the batch.
        public let workers: Int
        /// Canonical (JCS) size of one signed year record credential, in bytes.
        public let credentialBytes: Int
        /// Rates on one thread, then on all (empty when one worker was asked for).
        public let singleCore: [Rate]
        public let allCores: [Rate]
        /// Records in the batch, its wall-clock time and the bytes of signed JSON it produced.
        public let batchRecords: Int
        public let batchSeconds: Double
        public let batchOutputBytes: Int
    }

    /// Runs the benchmark, calling `progress` with each line as it is measured.
    public static func run(_ options: Options, progress: @Sendable (String) -> Void = { _ in }) throws -> Results {
        let key = IssuerKey.generate(role: .school, label: "19TH001")
        let school = SchoolProfile(did: key.did, name: "Trường THCS Chu Văn An", sectorCode: "19TH001")
        let records = SyntheticYearRecords(school: school)
        let created = records.validFrom

        // A pool of distinct documents, so caches do not flatter the figures.
        let unsigned = try (0..<64).map { try YearRecordCredential.build(records.record($0)) }
        let signed = try unsigned.map { try CredentialSigner.sign($0, with: key, created: created) }
        let signedText = try signed.map { try JCS.canonicalize($0) }
        let message = [UInt8](repeating: 0xA5, count: 64)
        let rawSignature = Array(try key.privateKey.signature(for: message))
        let credentialSignatures = try signedText.map { Array(try key.privateKey.signature(for: $0)) }
        let publicKey = key.privateKey.publicKey
        let credentialBytes = signedText[0].count
        progress("one signed year record credential: \(credentialBytes) bytes of canonical JSON, \(SyntheticYearRecords.subjects.count) subjects")

        // Each case makes, per thread, the closure that is timed (so a thread can keep its own
        // builder, as a batch would).
        let cases: [(String, @Sendable () -> (Int) throws -> Void)] = [
            ("raw Ed25519 sign (64-byte message)", stateless { _ in _ = try key.privateKey.signature(for: message) }),
            ("raw Ed25519 verify (64-byte message)", stateless { _ in
                precondition(publicKey.isValidSignature(rawSignature, for: message))
            }),
            // The same primitive over the credential's own bytes, as a signer without JCS or
            // Data Integrity would use it: Ed25519 then hashes the whole text itself (SHA-512).
            ("raw Ed25519 sign of the credential's text", stateless { i in _ = try key.privateKey.signature(for: signedText[i & 63]) }),
            ("raw Ed25519 verify of the credential's text", stateless { i in
                precondition(publicKey.isValidSignature(credentialSignatures[i & 63], for: signedText[i & 63]))
            }),
            ("  part: JCS of a credential", stateless { i in _ = try JCS.canonicalize(unsigned[i & 63]) }),
            ("  part: SHA-256 of a canonical credential", stateless { i in _ = SHA256.hash(data: signedText[i & 63]) }),
            ("  part: parse a signed credential's text", stateless { i in _ = try JSONParser.parse(signedText[i & 63]) }),
            ("  part: build a year record as JSONValue (from plain values)", {
                var builder = YearRecordCredentialBuilder()
                return { i in _ = try builder.build(records.record(i)) }
            }),
            ("  part: canonical text of a year record, written directly", {
                var builder = YearRecordCredentialBuilder()
                return { i in _ = try builder.canonicalText(records.record(i)) }
            }),
            ("credential sign (JCS, 2x SHA-256, Ed25519, base58)", stateless { i in
                _ = try CredentialSigner.signWithCanonicalText(unsigned[i & 63], with: key, created: created)
            }),
            ("year record -> signed canonical text (batch path)", {
                var builder = YearRecordCredentialBuilder()
                return { i in _ = try CredentialSigner.sign(canonical: try builder.canonicalText(records.record(i)), with: key, created: created) }
            }),
            ("year record -> signed credential (JSONValue path)", {
                var builder = YearRecordCredentialBuilder()
                return { i in
                    _ = try CredentialSigner.signWithCanonicalText(try builder.build(records.record(i)), with: key, created: created)
                }
            }),
            ("credential proof verify (JCS, 2x SHA-256, Ed25519)", stateless { i in
                precondition(EddsaJcs2022.verify(document: signed[i & 63]).isVerified)
            }),
            ("credential proof verify from text (parse, JCS, 2x SHA-256, Ed25519)", stateless { i in
                let document = try JSONParser.parse(signedText[i & 63])
                precondition(EddsaJcs2022.verify(document: document).isVerified)
            }),
            ("credential full verify, parsed (all offline checks)", stateless { i in
                let report = CredentialVerifier.verify(
                    credential: signed[i & 63], registry: nil, statusLists: [:], trustedRegistryKey: nil, now: created)
                precondition(report.isValid)
            }),
            ("credential full verify from text (parse + all checks)", stateless { i in
                let report = CredentialVerifier.verify(
                    credential: try JSONParser.parse(signedText[i & 63]), registry: nil, statusLists: [:],
                    trustedRegistryKey: nil, now: created)
                precondition(report.isValid)
            }),
        ]

        let selected = cases.filter { options.only.map($0.0.contains) ?? true }
        var single: [Rate] = []
        for (name, body) in selected {
            let rate = try measure(name: name, seconds: options.seconds, workers: 1, body)
            single.append(rate)
            progress(line(rate, relativeTo: single))
        }
        var all: [Rate] = []
        if options.workers > 1 {
            for (name, body) in selected {
                let rate = try measure(name: name, seconds: options.seconds, workers: options.workers, body)
                all.append(rate)
                progress(line(rate, relativeTo: all) + "  [\(options.workers) threads]")
            }
        }

        guard options.batchCount > 0 else {
            return Results(workers: options.workers, credentialBytes: credentialBytes, singleCore: single, allCores: all,
                           batchRecords: 0, batchSeconds: 0, batchOutputBytes: 0)
        }
        progress("batch: building, signing and serialising \(options.batchCount) year records on \(options.workers) threads...")
        let start = ContinuousClock.now
        let bytes = try ParallelChunks.run(count: options.batchCount, workers: options.workers) { (range: Range<Int>) throws -> Int in
            // The batch path: each record's canonical text is written, signed and kept only
            // long enough to count it (1.5 million credentials of ~21 KB would not fit in memory).
            var total = 0
            var builder = YearRecordCredentialBuilder()
            for index in range {
                total += try CredentialSigner.sign(canonical: try builder.canonicalText(records.record(index)), with: key, created: created).count
            }
            return total
        }.reduce(0, +)
        let batchSeconds = seconds(since: start)
        progress(String(format: "batch: %d records in %.1f s (%.0f records/s, %.2f GB of JSON)",
                        options.batchCount, batchSeconds, Double(options.batchCount) / batchSeconds, Double(bytes) / 1e9))
        return Results(
            workers: options.workers, credentialBytes: credentialBytes, singleCore: single, allCores: all,
            batchRecords: options.batchCount, batchSeconds: batchSeconds, batchOutputBytes: bytes)
    }

    /// A case whose timed closure keeps no state between calls.
    private static func stateless(_ body: @escaping @Sendable (Int) throws -> Void) -> @Sendable () -> (Int) throws -> Void {
        { body }
    }

    /// Runs the closure `makeBody` gives each of `workers` threads for about `seconds`, and
    /// counts completed calls.
    static func measure(name: String, seconds: Double, workers: Int, _ makeBody: @Sendable () -> (Int) throws -> Void) throws -> Rate {
        let warmUp = makeBody()
        for i in 0..<32 { try warmUp(i) }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let start = ContinuousClock.now
        let counts = try ParallelChunks.run(count: workers, workers: workers) { (range: Range<Int>) throws -> Int in
            let body = makeBody()
            var done = 0
            var i = range.lowerBound << 20
            while true {
                for _ in 0..<16 {
                    try body(i)
                    i += 1
                }
                done += 16
                if ContinuousClock.now >= deadline { return done }
            }
        }
        return Rate(name: name, operations: counts.reduce(0, +), seconds: Self.seconds(since: start))
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// "name: 12,345/s (0.61x raw sign, 1.02x raw sign of the text)": credential rates
    /// against both raw baselines of the same operation measured just before.
    private static func line(_ rate: Rate, relativeTo rates: [Rate]) -> String {
        let padded = rate.name.count >= 52 ? rate.name : rate.name + String(repeating: " ", count: 52 - rate.name.count)
        var text = padded + String(format: " %10.0f /s", rate.perSecond)
        guard !rate.name.hasPrefix("raw") else { return text }
        let operation = rate.name.contains("verify") ? "verify" : "sign"
        let short = rates.first { $0.name.hasPrefix("raw Ed25519 \(operation) (64-byte") }
        let long = rates.first { $0.name.hasPrefix("raw Ed25519 \(operation) of the credential") }
        if let short, let long {
            text += "  (" + String(format: "%.2f", rate.perSecond / short.perSecond) + "x raw \(operation) of 64 bytes, "
                + String(format: "%.2f", rate.perSecond / long.perSecond) + "x raw \(operation) of the text)"
        }
        return text
    }
}
