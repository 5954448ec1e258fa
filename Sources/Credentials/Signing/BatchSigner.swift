import DataIntegrity
import Foundation
import Platform

/// Signs many credentials with one key on all cores: a school's year records in one batch
/// (*ký đồng loạt*), after the teacher and principal approvals.
public enum BatchSigner {
    /// Signs every document, in order. Blocks the calling thread while all cores work, so
    /// call it from a thread of its own (e.g. a thread pool), not from an event loop.
    ///
    /// - Parameter workers: threads to use; all cores by default.
    /// - Throws: the error of the first document (in order) that could not be signed; none
    ///   of the batch is returned then, so a batch is signed entirely or not at all.
    public static func sign(
        _ documents: [JSONValue], with key: IssuerKey, created: Date?, workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(CredentialSigningError) -> [JSONValue] {
        let chunks = try ParallelChunks.run(count: documents.count, workers: workers) {
            (range: Range<Int>) throws(CredentialSigningError) -> [JSONValue] in
            var signed: [JSONValue] = []
            signed.reserveCapacity(range.count)
            for index in range {
                signed.append(try CredentialSigner.sign(documents[index], with: key, created: created))
            }
            return signed
        }
        return chunks.flatMap { $0 }
    }

    /// Builds and signs the year record credential of every record, in order.
    public static func signYearRecords(
        _ records: [LearnerYearRecord], with key: IssuerKey, created: Date?,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(BatchSigningError) -> [JSONValue] {
        let chunks = try ParallelChunks.run(count: records.count, workers: workers) {
            (range: Range<Int>) throws(BatchSigningError) -> [JSONValue] in
            var signed: [JSONValue] = []
            signed.reserveCapacity(range.count)
            var builder = YearRecordCredentialBuilder()
            for index in range {
                let document: JSONValue
                do throws(YearRecordError) {
                    document = try builder.build(records[index])
                } catch {
                    throw .record(index: index, error)
                }
                do throws(CredentialSigningError) {
                    signed.append(try CredentialSigner.sign(document, with: key, created: created))
                } catch {
                    throw .signing(index: index, error)
                }
            }
            return signed
        }
        return chunks.flatMap { $0 }
    }
}

extension BatchSigner {
    /// Signs the year record credential of every record and returns each as signed
    /// canonical text, the form to store: the fast path, which writes each credential's
    /// canonical text directly and never builds it as `JSONValue`.
    public static func signYearRecordsCanonical(
        _ records: [LearnerYearRecord], with key: IssuerKey, created: Date?,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(BatchSigningError) -> [[UInt8]] {
        try signCanonical(count: records.count, with: key, created: created, workers: workers) { records[$0] }
    }

    /// Signs `count` year records produced by `record(index)` (from a database cursor, a
    /// generator…) and returns their signed canonical texts in order.
    public static func signCanonical(
        count: Int, with key: IssuerKey, created: Date?, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        record: @Sendable (Int) -> LearnerYearRecord
    ) throws(BatchSigningError) -> [[UInt8]] {
        let chunks = try ParallelChunks.run(count: count, workers: workers) {
            (range: Range<Int>) throws(BatchSigningError) -> [[UInt8]] in
            var builder = YearRecordCredentialBuilder()
            var signed: [[UInt8]] = []
            signed.reserveCapacity(range.count)
            for index in range {
                let canonical: CanonicalCredential
                do throws(YearRecordError) {
                    canonical = try builder.canonicalText(record(index))
                } catch {
                    throw .record(index: index, error)
                }
                do throws(CredentialSigningError) {
                    signed.append(try CredentialSigner.sign(canonical: canonical, with: key, created: created))
                } catch {
                    throw .signing(index: index, error)
                }
            }
            return signed
        }
        return chunks.flatMap { $0 }
    }
}

/// Why a batch of year records was not signed, naming the first record that failed.
public enum BatchSigningError: Error, Equatable, Sendable {
    case record(index: Int, YearRecordError)
    case signing(index: Int, CredentialSigningError)

    /// A readable explanation.
    public var message: String {
        switch self {
        case .record(let index, let error): "Record \(index): \(error.message)"
        case .signing(let index, let error): "Record \(index): \(error.message)"
        }
    }
}
