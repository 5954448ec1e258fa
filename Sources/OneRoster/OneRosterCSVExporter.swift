import Foundation
import Platform

/// `nemis oneroster export`: a OneRoster 1.2 bulk CSV set (manifest.csv, orgs, academicSessions,
/// courses, classes, users, roles, enrollments, and demographics when asked and allowed) for the
/// records under a scope. Classes, users and enrollments stream to their files a page at a time; each file
/// appears only when complete (written beside it and renamed), so a failed run leaves no
/// half-written set behind a manifest.
public struct OneRosterCSVExporter: Sendable {
    public struct Summary: Sendable {
        /// Rows written per file (header excluded).
        public var rows: [OneRosterFile: Int] = [:]
        public var seconds = 0.0
        public var totalRows: Int { rows.values.reduce(0, +) }
    }

    let reader: RosterReader
    let database: any Database

    public init(database: any Database) {
        self.database = database
        reader = RosterReader(database: database)
    }

    public func export(to directory: String, scope: RosterScope, principal: Principal? = nil,
                       progress: @escaping @Sendable (OneRosterFile, Int) -> Void = { _, _ in }) async throws -> Summary {
        let started = ContinuousClock.now
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var summary = Summary()
        func open(_ file: OneRosterFile) throws -> CSVWriter {
            let writer = try CSVWriter(path: (directory as NSString).appendingPathComponent(file.fileName))
            try writer.writeRow(file.columns)
            return writer
        }
        func writeAll(_ file: OneRosterFile, _ records: [RosterRecord]) throws {
            let writer = try open(file)
            for record in records { try writer.writeRow(record.csvRow(file.columns)) }
            try writer.commit()
            summary.rows[file] = records.count
        }
        try writeAll(.orgs, try await reader.orgs(scope))
        try writeAll(.academicSessions, try await reader.academicSessions())
        try writeAll(.courses, try await reader.courses(scope))

        func background(_ file: OneRosterFile) throws -> BackgroundFileWriter {
            try BackgroundFileWriter(path: (directory as NSString).appendingPathComponent(file.fileName), header: file.columns)
        }
        // The teachers' enrollments are written as the classes are read; the learners' after the users.
        let classes = try background(.classes)
        let enrollments = try background(.enrollments)
        let classesRead = try await reader.classesCSV(scope, classes: { lines in
            try classes.write(lines)
        }, enrollments: { lines in
            try enrollments.write(lines)
        })
        try classes.commit()
        summary.rows[.classes] = classesRead.classes

        if !scope.withDemographics {
            // A demographics file left by an earlier run must not outlive a manifest that says absent.
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(OneRosterFile.demographics.fileName))
        }
        let users = try background(.users), roles = try background(.roles)
        let demographics = try scope.withDemographics ? background(.demographics) : nil
        let counts = try await reader.peopleCSV(scope) { userLines, roleLines, demographicLines in
            try users.write(userLines)
            try roles.write(roleLines)
            if let demographics, let demographicLines { try demographics.write(demographicLines) }
        }
        try users.commit()
        try roles.commit()
        try demographics?.commit()
        summary.rows[.users] = counts.users
        summary.rows[.roles] = counts.roles
        if demographics != nil { summary.rows[.demographics] = counts.demographics }
        progress(.users, counts.users)

        summary.rows[.enrollments] = try await classesRead.teacherEnrollments
            + reader.learnerEnrollmentsCSV(scope, subjectClasses: classesRead.subjectClasses) { lines in
                try enrollments.write(lines)
            }
        try enrollments.commit()
        progress(.enrollments, summary.rows[.enrollments] ?? 0)

        if let principal, counts.demographics > 0 {
            try await database.audit.record(principal: principal, action: .readSensitive, resource: "oneroster.demographics",
                                            recordID: nil, orgID: scope.roots.first,
                                            detail: "OneRoster export of \(counts.demographics) demographics to \(directory)")
        }
        try writeManifest(directory, present: Set(summary.rows.keys))
        summary.seconds = (ContinuousClock.now - started) / .seconds(1)
        return summary
    }

    /// manifest.csv, written last: every `file.*` property of the specification, `bulk` for the
    /// files written and `absent` for the rest.
    func writeManifest(_ directory: String, present: Set<OneRosterFile>) throws {
        let writer = try CSVWriter(path: (directory as NSString).appendingPathComponent("manifest.csv"))
        try writer.writeRow(["propertyName", "value"])
        try writer.writeRow(["manifest.version", "1.0"])
        try writer.writeRow(["oneroster.version", "1.2"])
        for name in OneRosterFile.manifestFileProperties {
            let written = OneRosterFile(rawValue: name).map(present.contains) ?? false
            try writer.writeRow(["file.\(name)", written ? "bulk" : "absent"])
        }
        try writer.writeRow(["source.systemName", "NEMIS"])
        try writer.writeRow(["source.systemCode", "NEMIS"])
        try writer.commit()
    }
}
