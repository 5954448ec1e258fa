/// An admission score or tie-breaker value: an exact, non-negative decimal with at most four
/// places (DOMAIN.md §7.2), held as whole ten-thousandths.
///
/// Scores are compared for equality at the cutoff, where a rounding difference decides who is
/// admitted, so they are never held as `Double`. Four places cover every published formula
/// (the priority-point taper gives 2.5667); the ceiling of 429,496.7295 covers any scale a
/// method is converted to.
public struct AdmissionScore: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Ten-thousandths per unit: the score 25.35 is held as 253,500.
    public static let unitsPerPoint: UInt32 = 10_000
    /// Decimal places a score may have.
    public static let maximumDecimalPlaces = 4

    /// 0.
    public static let zero = AdmissionScore(units: 0)
    /// The largest score that can be held, 429,496.7295.
    public static let maximum = AdmissionScore(units: .max)

    /// The score in ten-thousandths.
    public let units: UInt32

    /// A score from whole ten-thousandths (`AdmissionScore(units: 253_500)` is 25.35).
    @inlinable
    public init(units: UInt32) { self.units = units }

    /// Parses a decimal such as "25.35", "8", "0.0001" or "07.50"; see `parse(_:)`.
    public init(_ text: String) throws(AdmissionScoreParseError) {
        var copy = text
        let result: Result<AdmissionScore, AdmissionScoreParseError> = copy.withUTF8 { bytes in
            do throws(AdmissionScoreParseError) {
                return .success(try AdmissionScore.parse(UnsafeRawBufferPointer(bytes)))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Parses `digits [ "." digits ]` from UTF-8 bytes, with one to four digits after the point.
    ///
    /// No sign, exponent, thousands separator, decimal comma or surrounding space is accepted:
    /// clearing files are machine-written, and a score that is not exactly what the exporter
    /// meant must stop the run rather than be guessed. Trailing zeros are fine ("25.3500").
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(AdmissionScoreParseError) -> AdmissionScore {
        let count = bytes.count
        guard count > 0 else { throw .empty }
        var whole: UInt64 = 0
        var index = 0
        while index < count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { break }
            whole = whole &* 10 &+ UInt64(digit)
            // Past the ceiling already: stop accumulating so the value cannot wrap around.
            if whole > UInt64(UInt32.max) { whole = UInt64(UInt32.max) + 1 }
            index += 1
        }
        guard index > 0 else { throw error(forLeading: bytes[0], in: bytes) }
        var fraction: UInt64 = 0
        if index < count {
            guard bytes[index] == UInt8(ascii: ".") else { throw .invalidCharacter(text: text(bytes)) }
            index += 1
            let fractionStart = index
            while index < count {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { throw .invalidCharacter(text: text(bytes)) }
                if index - fractionStart < maximumDecimalPlaces { fraction = fraction * 10 + UInt64(digit) }
                index += 1
            }
            let places = index - fractionStart
            guard places > 0 else { throw .malformed(text: text(bytes)) }
            guard places <= maximumDecimalPlaces else { throw .tooManyDecimalPlaces(text: text(bytes)) }
            for _ in places ..< maximumDecimalPlaces { fraction *= 10 }
        }
        let units = whole * UInt64(unitsPerPoint) + fraction
        guard units <= UInt64(UInt32.max) else { throw .tooLarge(text: text(bytes)) }
        return AdmissionScore(units: UInt32(units))
    }

    private static func error(forLeading byte: UInt8, in bytes: UnsafeRawBufferPointer) -> AdmissionScoreParseError {
        switch byte {
        case UInt8(ascii: "-"): .negative(text: text(bytes))
        case UInt8(ascii: "."): .malformed(text: text(bytes))
        default: .invalidCharacter(text: text(bytes))
        }
    }

    private static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @inlinable
    public static func < (lhs: AdmissionScore, rhs: AdmissionScore) -> Bool { lhs.units < rhs.units }

    /// The shortest exact decimal: "25.35", "25", "2.5667". The CSV outputs write scores this way.
    public var description: String {
        let whole = units / Self.unitsPerPoint
        var fraction = units % Self.unitsPerPoint
        guard fraction > 0 else { return String(whole) }
        var places = Self.maximumDecimalPlaces
        while fraction % 10 == 0 { fraction /= 10; places -= 1 }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: places - digits.count) + digits
    }
}
