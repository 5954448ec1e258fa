/// Re-marking decisions (DOMAIN.md §5.4): essays get two independent markers and a third when
/// they disagree; the final mark is the one two markers agree on, else the mean of all three;
/// and a published score changes only when the difference is at least 0.25.
public enum Remarking {
    /// The smallest change that replaces a published score.
    public static let threshold = Points(hundredths: 25)

    public enum Outcome: Hashable, Sendable {
        /// The two markers disagree: a third marker is needed.
        case needsThirdMarker
        /// The score after re-marking (possibly the published one) and whether it changed.
        case decided(score: Points, changed: Bool)
    }

    /// An essay's re-marking from its markers' marks (two, or three after a disagreement).
    public static func essay(published: Points, marks: [Points]) -> Outcome {
        guard marks.count >= 2 else { return .needsThirdMarker }
        let remarked: Points
        if marks[0] == marks[1] {
            remarked = marks[0]
        } else if marks.count >= 3 {
            if marks[2] == marks[0] || marks[2] == marks[1] {
                remarked = marks[2]
            } else {
                // The mean of the three, to two decimals.
                remarked = Points.rounding(numerator: marks[0].hundredths + marks[1].hundredths + marks[2].hundredths, denominator: 3)
            }
        } else {
            return .needsThirdMarker
        }
        return decision(published: published, remarked: remarked)
    }

    /// A multiple-choice paper re-scored from its scan.
    public static func multipleChoice(published: Points, rescored: Points) -> Outcome {
        decision(published: published, remarked: rescored)
    }

    private static func decision(published: Points, remarked: Points) -> Outcome {
        let difference = abs(remarked.hundredths - published.hundredths)
        return difference >= threshold.hundredths ? .decided(score: remarked, changed: true) : .decided(score: published, changed: false)
    }
}
