import Foundation

/// A score on the 0–10 scale with at most one decimal (Circular 22/2021 Art. 6–7:
/// "cho điểm số nguyên hoặc số thập phân được lấy đến chữ số thập phân thứ nhất").
///
/// Stored as whole tenths (8.5 is 85) in one byte. Integer tenths keep every score exact,
/// so averages can be computed as exact fractions and rounded once at the end, and a
/// million learners' scores fit in a few megabytes with no heap work per score.
/// `Decimal` is offered for reports (`decimalValue`), never used in the arithmetic.
public struct Score: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Smallest score, 0.0.
    public static let minimumTenths = 0
    /// Largest score, 10.0.
    public static let maximumTenths = 100

    /// 0.0.
    public static let zero = Score(uncheckedTenths: 0)
    /// 10.0.
    public static let ten = Score(uncheckedTenths: 100)

    private let storage: UInt8

    /// The score in tenths: 0...100.
    @inline(__always)
    public var tenths: Int { Int(storage) }

    /// Nil when `tenths` is outside 0...100.
    @inline(__always)
    public init?(tenths: Int) {
        guard tenths >= Score.minimumTenths, tenths <= Score.maximumTenths else { return nil }
        storage = UInt8(truncatingIfNeeded: tenths)
    }

    /// For values the caller has already range-checked (rounded averages of valid scores).
    @inline(__always)
    init(uncheckedTenths tenths: Int) {
        assert(tenths >= Score.minimumTenths && tenths <= Score.maximumTenths)
        storage = UInt8(truncatingIfNeeded: tenths)
    }

    /// Same as `Score.parse(_:)`, as an initializer.
    public init(_ text: some StringProtocol) throws(ScoreParseError) {
        self = try Score.parse(text)
    }

    public static func < (lhs: Score, rhs: Score) -> Bool { lhs.storage < rhs.storage }

    /// "8.5", "10.0": always one decimal with a point, as the API and CSV exports write it.
    public var description: String {
        "\(tenths / 10).\(tenths % 10)"
    }

    /// "8,5": the Vietnamese decimal comma, as printed on report cards (học bạ).
    public var textVI: String {
        "\(tenths / 10),\(tenths % 10)"
    }

    /// The exact value as a `Decimal` (85 tenths is 8.5), for reports and storage layers
    /// that keep scores as `Decimal`.
    public var decimalValue: Decimal {
        Decimal(sign: .plus, exponent: -1, significand: Decimal(tenths))
    }
}
