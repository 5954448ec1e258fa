import Synchronization

/// Values computed from records, kept for as long as nothing has been written since.
///
/// Every write to a record table appends to the change feed in the same transaction (see
/// `RecordStore`), so the feed's latest version names the state of all records, whichever process
/// wrote them. A value is stored with the version read *before* it was computed: a write that lands
/// in between makes the next lookup miss, never serve stale data.
///
/// What a cache must not hold: anything that depends on the caller. Callers check access against
/// the value (e.g. its owner) on every request.
public final class SnapshotCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: (version: Int, value: Value)]>([:])
    private let capacity: Int

    /// `capacity` bounds the number of keys; when full the cache starts again empty, which is cheap
    /// and keeps the bound without bookkeeping on every hit.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    public func value(for key: String, at version: Int) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version else { return nil }
            return entry.value
        }
    }

    public func store(_ value: Value, for key: String, at version: Int) {
        entries.withLock { entries in
            if entries.count >= capacity && entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = (version, value)
        }
    }
}
