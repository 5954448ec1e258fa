import Platform

/// Verification runs, and the latest outcome of each learner's and staff member's verification.
public enum VerificationMigrations {
    public static let all: [Migration] = [
        Migration(14, "identity verification", [
            """
            CREATE TABLE verification_runs (
                id TEXT PRIMARY KEY,
                scope_org_id TEXT NOT NULL,
                scope_code TEXT NOT NULL,
                principal_id TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'finished', 'failed')),
                source TEXT,
                model TEXT,
                total INTEGER NOT NULL DEFAULT 0,
                done INTEGER NOT NULL DEFAULT 0,
                cursor_kind TEXT,
                cursor_id TEXT,
                counts TEXT NOT NULL DEFAULT '{}',
                message TEXT,
                created_at TEXT NOT NULL,
                started_at TEXT,
                finished_at TEXT,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX verification_runs_status ON verification_runs (status, created_at)",
            // One row per person: the latest check. `review` is '' (nothing to decide), 'pending',
            // 'confirmed' or 'rejected'. A rejected proposal stays rejected while the same candidate
            // keeps being proposed; a confirmed link stays confirmed while the record carries the
            // confirmed ID (`checked_id` is the ID the record had when checked).
            """
            CREATE TABLE identity_checks (
                person_kind TEXT NOT NULL CHECK (person_kind IN ('learner', 'staff')),
                person_id TEXT NOT NULL,
                person_code TEXT NOT NULL,
                org_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                status TEXT NOT NULL,
                checked_id TEXT,
                linked_id TEXT,
                candidate_id TEXT,
                review TEXT NOT NULL DEFAULT '',
                record TEXT NOT NULL,
                outcome TEXT NOT NULL,
                checked_at TEXT NOT NULL,
                reviewed_by TEXT,
                reviewed_at TEXT,
                PRIMARY KEY (person_kind, person_id)
            )
            """,
            "CREATE INDEX identity_checks_org ON identity_checks (org_id, status)",
            "CREATE INDEX identity_checks_review ON identity_checks (review, org_id)",
        ]),
        // The review queue only ever looks for pending proposals, a few in a hundred checks: an index of
        // those alone spares every other check an index entry, which a run of millions writes.
        Migration(17, "an index of pending reviews only", [
            "DROP INDEX identity_checks_review",
            "CREATE INDEX identity_checks_pending ON identity_checks (org_id) WHERE review = 'pending'",
        ]),
    ]
}
