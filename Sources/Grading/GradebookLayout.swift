/// A fixed cell layout for a cohort that shares one subject list (a grade of a school),
/// so many learners' year results can be computed from one flat byte buffer.
///
/// Each learner's block holds, for every subject in order, semester I then semester II,
/// each as `regularAssessmentsPerSemester` regular cells, then the mid-term cell, then
/// the end-of-term cell (`GradebookCell` encoding). Circular 22/2021 only, because its
/// assessment counts are exact, which is what makes the layout fixed.
public struct GradebookLayout: Sendable {
    public let ruleSet: GradingRuleSet
    public let subjects: [SubjectSpec]
    /// Cells in one learner's block.
    public let cellsPerLearner: Int
    /// Offset of (subject, semester) in a learner's block, at `2 * subject + semester - 1`.
    private let semesterOffsets: [Int]

    public init(ruleSet: GradingRuleSet, subjects: [SubjectSpec]) throws(GradingError) {
        try YearResults.requireSupported(ruleSet)
        guard subjects.count <= SubjectIndexSet.capacity else {
            throw .tooManySubjects(count: subjects.count, maximum: SubjectIndexSet.capacity)
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(2 * subjects.count)
        var next = 0
        for subject in subjects {
            let semesterCells = subject.regularAssessmentsPerSemester + 2
            offsets.append(next)
            offsets.append(next + semesterCells)
            next += 2 * semesterCells
        }
        self.ruleSet = ruleSet
        self.subjects = subjects
        self.cellsPerLearner = next
        self.semesterOffsets = offsets
    }

    /// The cells of one subject's semester within a learner's block.
    public func cellRange(subject: Int, semester: Semester) -> Range<Int> {
        let start = semesterOffsets[2 * subject + semester.rawValue - 1]
        return start ..< start + subjects[subject].regularAssessmentsPerSemester + 2
    }

    /// Appends one learner's block, built from raw entries (validated first, so a block
    /// written here always computes). The layout's subject specs apply, whatever
    /// `learner[i].subject` says. Participation is not stored in cells: exempt subjects are
    /// written as `missing` cells, and the learner's `LearnerYearContext` must name its
    /// exempt and individualised subjects.
    public func appendCells(of learner: [SubjectYearEntries], to cells: inout [UInt8]) throws(GradingError) {
        guard learner.count == subjects.count else {
            throw .subjectCountMismatch(expected: subjects.count, found: learner.count)
        }
        cells.reserveCapacity(cells.count + cellsPerLearner)
        for (index, entries) in learner.enumerated() {
            let semesterCells = subjects[index].regularAssessmentsPerSemester + 2
            if entries.participation == .exempt {
                cells.append(contentsOf: repeatElement(GradebookCell.missing, count: 2 * semesterCells))
                continue
            }
            var spec = entries
            spec.subject = subjects[index]
            do throws(GradingError) {
                _ = try SubjectYearRecord.validate(spec, ruleSet: ruleSet)
            } catch {
                throw error.atSubject(index)
            }
            for semester in [entries.semester1, entries.semester2] {
                for kind in [AssessmentKind.regular, .midTerm, .endOfTerm] {
                    for entry in semester where entry.kind == kind { cells.append(GradebookCell.encode(entry.value)) }
                }
            }
        }
    }

    /// Computes every learner's year outcome from `cells` (`learners.count` blocks of
    /// `cellsPerLearner`). One bad learner does not stop the run: its slot holds the error,
    /// naming subject and semester. `subjectResult(learner, subject, result)` is called for
    /// every subject of every successfully computed learner, so callers can keep the
    /// subject results they need without this function allocating per learner: the only
    /// allocations are the returned array and one scratch row.
    public func computeYearOutcomes(
        cells: UnsafeBufferPointer<UInt8>, learners: UnsafeBufferPointer<LearnerYearContext>,
        basis: YearAverageBasis = .chosen,
        subjectResult: (_ learner: Int, _ subject: Int, _ result: SubjectYearResult) -> Void = { _, _, _ in }
    ) throws(GradingError) -> [Result<YearOutcome, GradingError>] {
        let expected = learners.count * cellsPerLearner
        guard cells.count == expected else { throw .gradebookSizeMismatch(expectedCells: expected, foundCells: cells.count) }

        var outcomes: [Result<YearOutcome, GradingError>] = []
        outcomes.reserveCapacity(learners.count)
        let placeholder = SubjectYearResult(computing: .exempt, ruleSet: ruleSet, basis: basis)
        var row = [SubjectYearResult](repeating: placeholder, count: subjects.count)

        for learner in 0 ..< learners.count {
            let context = learners[learner]
            let block = learner * cellsPerLearner
            switch computeLearner(cells: cells, block: block, context: context, basis: basis, row: &row) {
            case .success(let outcome):
                for subject in 0 ..< subjects.count { subjectResult(learner, subject, row[subject]) }
                outcomes.append(.success(outcome))
            case .failure(let error):
                outcomes.append(.failure(error))
            }
        }
        return outcomes
    }

    /// Array convenience for `computeYearOutcomes(cells:learners:basis:subjectResult:)`.
    public func computeYearOutcomes(
        cells: [UInt8], learners: [LearnerYearContext], basis: YearAverageBasis = .chosen,
        subjectResult: (_ learner: Int, _ subject: Int, _ result: SubjectYearResult) -> Void = { _, _, _ in }
    ) throws(GradingError) -> [Result<YearOutcome, GradingError>] {
        // Typed throws do not pass through `withUnsafeBufferPointer`'s rethrows, so the
        // result is carried out of the closures instead.
        let result: Result<[Result<YearOutcome, GradingError>], GradingError> = cells.withUnsafeBufferPointer { cellBuffer in
            learners.withUnsafeBufferPointer { learnerBuffer in
                do throws(GradingError) {
                    return .success(try computeYearOutcomes(
                        cells: cellBuffer, learners: learnerBuffer, basis: basis, subjectResult: subjectResult))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }

    @inline(__always)
    private func computeLearner(
        cells: UnsafeBufferPointer<UInt8>, block: Int, context: LearnerYearContext,
        basis: YearAverageBasis, row: inout [SubjectYearResult]
    ) -> Result<YearOutcome, GradingError> {
        guard context.absentSessions >= 0 else { return .failure(.negativeAbsences(context.absentSessions)) }
        var accumulator = YearAccumulator()
        for subject in 0 ..< subjects.count {
            let participation = context.participation(subject)
            let record: SubjectYearRecord
            if participation == .exempt {
                record = .exempt
            } else {
                let spec = subjects[subject]
                let regular = spec.regularAssessmentsPerSemester
                let first = decodeSemester(cells, at: block + semesterOffsets[2 * subject], regular: regular, kind: spec.kind)
                guard case .success(let semester1) = first else {
                    return .failure(.subject(index: subject, semester: .first, first.error!))
                }
                let second = decodeSemester(cells, at: block + semesterOffsets[2 * subject + 1], regular: regular, kind: spec.kind)
                guard case .success(let semester2) = second else {
                    return .failure(.subject(index: subject, semester: .second, second.error!))
                }
                record = SubjectYearRecord(participation: participation, unchecked: semester1, semester2)
            }
            let result = SubjectYearResult(computing: record, ruleSet: ruleSet, basis: basis)
            accumulator.add(result)
            row[subject] = result
        }
        do throws(GradingError) {
            return .success(try accumulator.outcome(
                conduct: context.conduct, absentSessions: context.absentSessions, ruleSet: ruleSet))
        } catch {
            return .failure(error)
        }
    }

    /// Reads `regular` regular cells, then mid-term, then end-of-term. Counts are fixed by
    /// the layout, so only cell values can be wrong.
    @inline(__always)
    private func decodeSemester(
        _ cells: UnsafeBufferPointer<UInt8>, at start: Int, regular: Int, kind: SubjectKind
    ) -> Result<SemesterAssessment, GradingError> {
        switch kind {
        case .scored:
            var sum = 0
            for offset in 0 ..< regular + 2 {
                let cell = cells[start + offset]
                guard cell <= Score.maximumTenths else {
                    return .failure(.invalidGradebookCell(value: cell, subjectKind: kind))
                }
                let weight = offset < regular ? 1 : (offset == regular ? 2 : 3)
                sum += weight * Int(cell)
            }
            return .success(.scored(ScoredSemester(
                validatedWeightedSumTenths: sum, totalWeight: regular + 5, regularCount: regular)))
        case .commentOnly:
            var allPassed = true
            for offset in 0 ..< regular + 2 {
                let cell = cells[start + offset]
                guard cell <= GradebookCell.dat else {
                    return .failure(.invalidGradebookCell(value: cell, subjectKind: kind))
                }
                allPassed = allPassed && cell == GradebookCell.dat
            }
            return .success(.comment(allPassed ? .dat : .chuaDat))
        }
    }
}

extension Result {
    /// The failure, if any.
    fileprivate var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
