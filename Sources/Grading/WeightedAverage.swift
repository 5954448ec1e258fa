/// An average kept as an exact fraction of tenths, `numeratorTenths / denominator`,
/// so that it is rounded exactly once, at the end.
///
/// Circular 22/2021 Art. 9.1 states averages to one decimal. Rounding intermediate
/// values (or computing in `Double`) can move a result across a level threshold, so
/// every average in this module stays a fraction until `rounded` is read.
public struct WeightedAverage: Hashable, Sendable {
    /// Sum of weight × score, in tenths.
    public let numeratorTenths: Int
    /// Sum of the weights; always positive.
    public let denominator: Int

    /// Nil unless `numeratorTenths` ≥ 0, `denominator` > 0 and the value is at most 10.0,
    /// as any average of scores is.
    public init?(numeratorTenths: Int, denominator: Int) {
        guard numeratorTenths >= 0, denominator > 0, numeratorTenths <= Score.maximumTenths * denominator else { return nil }
        self.init(checkedNumeratorTenths: numeratorTenths, denominator: denominator)
    }

    /// For fractions built from valid scores and positive weights.
    @inline(__always)
    init(checkedNumeratorTenths numeratorTenths: Int, denominator: Int) {
        self.numeratorTenths = numeratorTenths
        self.denominator = denominator
    }

    /// The average rounded to one decimal, half up (see `GradingRounding`).
    @inline(__always)
    public var rounded: Score {
        Score(uncheckedTenths: GradingRounding.halfUpTenths(numeratorTenths: numeratorTenths, denominator: denominator))
    }

    /// True when the fraction is already a whole number of tenths (no rounding happens).
    public var isExactTenth: Bool { numeratorTenths % denominator == 0 }
}

/// The one rounding rule for averages.
///
/// Circular 22/2021 Art. 9.1 rounds averages to one decimal (7.26 → 7.3, DOMAIN.md §3.1
/// [G2]). How a value ending exactly in 5 hundredths rounds is not stated; this module
/// reads it as half up (7.25 → 7.3), the usual school convention and what `Decimal`
/// with `NSDecimalRound(.plain)` does. Bankers' rounding (7.25 → 7.2) is not used.
public enum GradingRounding {
    /// `numeratorTenths / denominator` rounded half up to whole tenths, for a
    /// non-negative numerator and positive denominator:
    /// `floor(n/d + 1/2) = floor((2n + d) / 2d)`, exact integer arithmetic.
    @inline(__always)
    public static func halfUpTenths(numeratorTenths: Int, denominator: Int) -> Int {
        (2 * numeratorTenths + denominator) / (2 * denominator)
    }
}
