/// Subject averages (điểm trung bình môn) for scored subjects, Circular 22/2021 Art. 9.1.
///
/// Circular 58/2011 (as amended by Circular 26/2020) uses the same weights 1 / 2 / 3 and
/// the same year formula, so these functions serve both secondary rule sets.
public enum SubjectAverages {
    /// ĐTBmhk = (TĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (n_tx + 5) as an exact fraction.
    @inline(__always)
    public static func semesterExact(_ semester: ScoredSemester) -> WeightedAverage {
        WeightedAverage(checkedNumeratorTenths: semester.weightedSumTenths, denominator: semester.totalWeight)
    }

    /// ĐTBmhk rounded to one decimal, half up.
    @inline(__always)
    public static func semester(_ semester: ScoredSemester) -> Score {
        semesterExact(semester).rounded
    }

    /// ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3 from two semester averages as printed
    /// (rounded): the reading `YearAverageBasis.roundedSemesterAverages`.
    @inline(__always)
    public static func year(semester1: Score, semester2: Score) -> Score {
        WeightedAverage(checkedNumeratorTenths: semester1.tenths + 2 * semester2.tenths, denominator: 3).rounded
    }

    /// ĐTBmcn from the semesters' scores, on the chosen (or a given) reading of which
    /// semester values enter the formula.
    @inline(__always)
    public static func year(
        semester1: ScoredSemester, semester2: ScoredSemester, basis: YearAverageBasis = .chosen
    ) -> Score {
        switch basis {
        case .roundedSemesterAverages:
            return year(semester1: semester(semester1), semester2: semester(semester2))
        case .exactSemesterAverages:
            return yearExact(semester1: semester1, semester2: semester2).rounded
        }
    }

    /// (N1/D1 + 2·N2/D2) / 3 = (N1·D2 + 2·N2·D1) / (3·D1·D2), unrounded semesters.
    public static func yearExact(semester1: ScoredSemester, semester2: ScoredSemester) -> WeightedAverage {
        let n1 = semester1.weightedSumTenths, d1 = semester1.totalWeight
        let n2 = semester2.weightedSumTenths, d2 = semester2.totalWeight
        return WeightedAverage(checkedNumeratorTenths: n1 * d2 + 2 * n2 * d1, denominator: 3 * d1 * d2)
    }
}
