import Platform

/// The graduation exam's tables (seasons with their timeline, registrations with their history,
/// scores, results and re-marking requests) and the admissions that follow it.
public enum ExamsMigrations {
    public static let all: [Migration] = [
        Migration(10, "graduation exam and admissions", [
            """
            CREATE TABLE exam_seasons (
                id TEXT PRIMARY KEY,
                exam_year INTEGER NOT NULL UNIQUE,
                body TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE exam_registrations (
                id TEXT PRIMARY KEY,
                season_id TEXT NOT NULL,
                citizen_id TEXT NOT NULL,
                learner_id TEXT,
                org_id TEXT NOT NULL,
                status TEXT NOT NULL,
                version INTEGER NOT NULL,
                body TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (season_id, citizen_id)
            )
            """,
            "CREATE INDEX exam_registrations_org ON exam_registrations (season_id, org_id)",
            """
            CREATE TABLE exam_registration_history (
                registration_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                body TEXT NOT NULL,
                changed_by TEXT NOT NULL,
                changed_at TEXT NOT NULL,
                PRIMARY KEY (registration_id, version)
            )
            """,
            """
            CREATE TABLE exam_scores (
                registration_id TEXT NOT NULL,
                subject_code TEXT NOT NULL,
                season_id TEXT NOT NULL,
                score INTEGER NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (registration_id, subject_code)
            )
            """,
            """
            CREATE TABLE exam_results (
                registration_id TEXT PRIMARY KEY,
                season_id TEXT NOT NULL,
                body TEXT NOT NULL,
                computed_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE exam_remarks (
                id TEXT PRIMARY KEY,
                registration_id TEXT NOT NULL,
                subject_code TEXT NOT NULL,
                status TEXT NOT NULL,
                body TEXT NOT NULL,
                requested_by TEXT NOT NULL,
                requested_at TEXT NOT NULL,
                UNIQUE (registration_id, subject_code)
            )
            """,
            // Admissions: each programme's quota and combinations, candidates' ordered wishes, the
            // clearing's outcome, and confirmations (one per candidate, which the primary key
            // enforces whatever number of requests race).
            """
            CREATE TABLE admission_programs (
                id TEXT PRIMARY KEY,
                season_id TEXT NOT NULL,
                code TEXT NOT NULL,
                body TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (season_id, code)
            )
            """,
            """
            CREATE TABLE admission_wishes (
                registration_id TEXT NOT NULL,
                season_id TEXT NOT NULL,
                rank INTEGER NOT NULL,
                program_id TEXT NOT NULL,
                PRIMARY KEY (registration_id, rank),
                UNIQUE (registration_id, program_id)
            )
            """,
            """
            CREATE TABLE admission_results (
                registration_id TEXT PRIMARY KEY,
                season_id TEXT NOT NULL,
                program_id TEXT,
                body TEXT NOT NULL,
                computed_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX admission_results_program ON admission_results (program_id)",
            """
            CREATE TABLE admission_confirmations (
                registration_id TEXT PRIMARY KEY,
                season_id TEXT NOT NULL,
                program_id TEXT NOT NULL,
                confirmed_by TEXT NOT NULL,
                confirmed_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX admission_confirmations_program ON admission_confirmations (program_id)",
        ]),
        // Admission by transcript, competency tests and direct admission: each candidate's evidence
        // besides exam scores, one document per registration.
        Migration(16, "admission evidence besides exam scores", [
            """
            CREATE TABLE admission_evidence (
                registration_id TEXT PRIMARY KEY,
                season_id TEXT NOT NULL,
                body TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX admission_evidence_season ON admission_evidence (season_id)",
        ]),
    ]
}
