import Foundation

/// Reads that a bulk write repeats for every row, answered once: the school a row names, and
/// whether a node lies under the writer's scope. A learner file of one province names a few
/// thousand schools for hundreds of thousands of rows; without this each row asks the database
/// the same four questions again.
///
/// It is bound to the task of one import, or of one batch of writes (`ReferenceReadCache.$current.withValue`),
/// and holds only what those writes cannot change: records of other resources than the one they write
/// (a row's rules write elsewhere only to the tree, for a school), and the organisation tree's scope
/// answers unless they write schools. An import of schools still keeps the communes and departments its rows name: it adds,
/// renames and moves schools only. A record another writer changes meanwhile is seen as it was when
/// first read, as if it had been read at the start.
public final class ReferenceReadCache: @unchecked Sendable {
    @TaskLocal public static var current: ReferenceReadCache?

    /// At most this many answers are kept (`ClockCache`), the ones asked for again first: an
    /// import's memory must not grow with its file. A school's record and model are two answers of
    /// about 1.2 KB together, so the bound holds some 8,000 schools, more than any province has; a
    /// national file in school order needs only the few it is at.
    static let capacity = 16_384

    private let writtenResource: String
    private let orgTreeIsStable: Bool
    private let lock = NSLock()
    private var answers = ClockCache<Any>(capacity: ReferenceReadCache.capacity)
    private var withinAnswers = ClockCache<Bool>(capacity: ReferenceReadCache.capacity)

    /// - Parameters:
    ///   - writing: the resource the import writes; its records are always read afresh.
    ///   - orgTreeIsStable: false when the import may add or move nodes of the tree (schools): whether a
    ///     node lies under the importer's scope is then asked afresh.
    public init(writing: String, orgTreeIsStable: Bool) {
        writtenResource = writing
        self.orgTreeIsStable = orgTreeIsStable
    }

    /// `remember` on the cache bound to the current task, or `read` itself when none is.
    public static func remember<Answer>(_ resource: String, key: String, read: () async throws -> Answer) async throws -> Answer {
        guard let cache = current else { return try await read() }
        return try await cache.remember(resource, key: key, read: read)
    }

    /// What `read` answers about a record of `resource`, read once while the cache lasts; `key`
    /// names the question (the record's natural key, and what is wanted of it).
    public func remember<Answer>(_ resource: String, key: String, read: () async throws -> Answer) async throws -> Answer {
        guard resource != writtenResource else { return try await read() }
        // Unwrapped before the cast: an answer may itself be nil ("no such school"), which must not
        // be mistaken for "not asked yet".
        let known: Any? = lock.withLock { answers.value(for: resource + "\u{1}" + key) }
        if let known, let answer = known as? Answer { return answer }
        let answer = try await read()
        store(resource, key: key, answer: answer)
        return answer
    }

    /// Whether `key` of `resource` is answered now (answers may be dropped when the cache is full).
    public func knows(_ resource: String, key: String) -> Bool {
        guard resource != writtenResource else { return false }
        return lock.withLock { answers.contains(resource + "\u{1}" + key) }
    }

    /// Keeps an answer: `remember`'s own, or one read for many questions at once (`References.warm`).
    public func store<Answer>(_ resource: String, key: String, answer: Answer) {
        guard resource != writtenResource else { return }
        lock.withLock { answers.set(answer as Any, for: resource + "\u{1}" + key) }
    }

    func isWithin(nodeID: String, roots: [String], read: () async throws -> Bool) async throws -> Bool {
        guard orgTreeIsStable else { return try await read() }
        let key = nodeID + "\u{1}" + roots.joined(separator: "\u{1}")
        if let known = lock.withLock({ withinAnswers.value(for: key) }) { return known }
        let answer = try await read()
        lock.withLock { withinAnswers.set(answer, for: key) }
        return answer
    }
}
