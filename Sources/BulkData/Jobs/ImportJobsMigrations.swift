import Platform

/// Files uploaded through the API and imported in the background.
public enum ImportJobsMigrations {
    public static let all: [Migration] = [
        Migration(13, "import jobs", [
            """
            CREATE TABLE import_jobs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'refused', 'failed')),
                principal_id TEXT NOT NULL,
                file_name TEXT NOT NULL,
                skip_invalid INTEGER NOT NULL,
                summary TEXT,
                message TEXT,
                created_at TEXT NOT NULL,
                started_at TEXT,
                finished_at TEXT
            )
            """,
            "CREATE INDEX import_jobs_principal ON import_jobs (principal_id, created_at)",
            "CREATE INDEX import_jobs_status ON import_jobs (status, created_at)",
        ]),
    ]
}
