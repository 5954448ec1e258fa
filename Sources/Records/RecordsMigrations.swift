import Platform

/// The learning-records tables. Raw entries are stored as typed, and every derived result with the
/// rule set that produced it, because one learner's history can span several grading regimes.
public enum RecordsMigrations {
    public static let all: [Migration] = [
        Migration(6, "gradebooks, conduct and year results", [
            """
            CREATE TABLE gradebook_entries (
                learner_id TEXT NOT NULL,
                school_year TEXT NOT NULL,
                subject_code TEXT NOT NULL,
                semester TEXT NOT NULL,
                class_id TEXT NOT NULL,
                org_id TEXT NOT NULL,
                entries TEXT NOT NULL,
                result TEXT,
                rule_set TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (learner_id, school_year, subject_code, semester)
            )
            """,
            "CREATE INDEX gradebook_entries_class ON gradebook_entries (class_id, subject_code, semester)",
            """
            CREATE TABLE gradebook_locks (
                class_id TEXT NOT NULL,
                semester TEXT NOT NULL,
                locked_at TEXT NOT NULL,
                locked_by TEXT NOT NULL,
                PRIMARY KEY (class_id, semester)
            )
            """,
            """
            CREATE TABLE conduct_entries (
                learner_id TEXT NOT NULL,
                school_year TEXT NOT NULL,
                class_id TEXT NOT NULL,
                org_id TEXT NOT NULL,
                conduct_semester1 TEXT,
                conduct_semester2 TEXT,
                conduct_year TEXT,
                absent_sessions INTEGER NOT NULL DEFAULT 0,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (learner_id, school_year)
            )
            """,
            "CREATE INDEX conduct_entries_class ON conduct_entries (class_id)",
            """
            CREATE TABLE year_results (
                learner_id TEXT NOT NULL,
                school_year TEXT NOT NULL,
                class_id TEXT NOT NULL,
                org_id TEXT NOT NULL,
                rule_set TEXT NOT NULL,
                learning_level TEXT,
                conduct TEXT NOT NULL,
                decision TEXT NOT NULL,
                award TEXT,
                body TEXT NOT NULL,
                computed_by TEXT NOT NULL,
                computed_at TEXT NOT NULL,
                PRIMARY KEY (learner_id, school_year)
            )
            """,
            "CREATE INDEX year_results_class ON year_results (class_id)",
        ]),
        // Health checks are kept apart from every other table: their own permission, every read
        // audited, and no entry in the change feed (which would tell who had a check).
        Migration(7, "health checks", [
            """
            CREATE TABLE health_checks (
                id TEXT PRIMARY KEY,
                learner_id TEXT NOT NULL,
                org_id TEXT NOT NULL,
                checked_on TEXT NOT NULL,
                body TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX health_checks_learner ON health_checks (learner_id, checked_on)",
        ]),
        // Primary pupils are rated, not scored (Circular 27/2020): a subject's rating, periodic test
        // and comment per semester, and the qualities and competencies the homeroom teacher rates.
        Migration(9, "primary assessments", [
            """
            CREATE TABLE primary_subject_assessments (
                learner_id TEXT NOT NULL,
                school_year TEXT NOT NULL,
                semester TEXT NOT NULL,
                subject_code TEXT NOT NULL,
                class_id TEXT NOT NULL,
                org_id TEXT NOT NULL,
                rating TEXT,
                test_score INTEGER,
                comment TEXT,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (learner_id, school_year, semester, subject_code)
            )
            """,
            "CREATE INDEX primary_subject_assessments_class ON primary_subject_assessments (class_id, semester)",
            """
            CREATE TABLE primary_competency_assessments (
                learner_id TEXT NOT NULL,
                school_year TEXT NOT NULL,
                semester TEXT NOT NULL,
                class_id TEXT NOT NULL,
                org_id TEXT NOT NULL,
                ratings TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (learner_id, school_year, semester)
            )
            """,
            "CREATE INDEX primary_competency_assessments_class ON primary_competency_assessments (class_id, semester)",
        ]),
    ]
}
