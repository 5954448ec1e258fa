/// A map of at most `capacity` entries that, when full, makes room by dropping an entry not asked
/// for since it was last passed over (the "clock" or second-chance approximation of least recently
/// used). A file in any order keeps the references it names often; one that names each only once
/// (every enrolment its own learner) cycles through the room without growing it.
///
/// Not thread-safe: its owner locks around it.
struct ClockCache<Value> {
    let capacity: Int
    private var slots: [(key: String, value: Value, asked: Bool)] = []
    private var slotByKey: [String: Int] = [:]
    /// The slot the next search for room starts from.
    private var hand = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a cache holds at least one entry")
        self.capacity = capacity
    }

    var count: Int { slots.count }

    /// The value kept under `key`, marked as asked for.
    mutating func value(for key: String) -> Value? {
        guard let slot = slotByKey[key] else { return nil }
        slots[slot].asked = true
        return slots[slot].value
    }

    func contains(_ key: String) -> Bool { slotByKey[key] != nil }

    /// Keeps `value` under `key`; when the cache is full and `key` new, it takes the slot of the
    /// first entry from the hand on not asked for since the hand last passed it.
    mutating func set(_ value: Value, for key: String) {
        if let slot = slotByKey[key] {
            slots[slot].value = value
            slots[slot].asked = true
            return
        }
        guard slots.count == capacity else {
            slotByKey[key] = slots.count
            slots.append((key, value, false))
            return
        }
        // Ends within one turn: the hand clears each mark it passes.
        while slots[hand].asked {
            slots[hand].asked = false
            hand = (hand + 1) % capacity
        }
        slotByKey[slots[hand].key] = nil
        slots[hand] = (key, value, false)
        slotByKey[key] = hand
        hand = (hand + 1) % capacity
    }
}
