import Platform

/// Signing keys (sealed), issued credentials with their approvals, and status lists.
public enum CredentialsMigrations {
    public static let all: [Migration] = [
        Migration(8, "signing keys, credentials and status lists", [
            """
            CREATE TABLE signing_keys (
                id TEXT PRIMARY KEY,
                org_id TEXT NOT NULL,
                role TEXT NOT NULL,
                did TEXT NOT NULL UNIQUE,
                sealed_secret TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_until TEXT,
                revoked_at TEXT,
                revocation_reason TEXT,
                created_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX signing_keys_org ON signing_keys (org_id)",
            """
            CREATE TABLE status_lists (
                id TEXT PRIMARY KEY,
                org_id TEXT NOT NULL,
                purpose TEXT NOT NULL,
                bits TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE issued_credentials (
                id TEXT PRIMARY KEY,
                learner_id TEXT NOT NULL,
                org_id TEXT NOT NULL,
                class_id TEXT NOT NULL,
                school_year TEXT NOT NULL,
                version INTEGER NOT NULL,
                state TEXT NOT NULL,
                status_list_id TEXT NOT NULL,
                status_index INTEGER NOT NULL,
                document TEXT NOT NULL,
                homeroom_approved_by TEXT,
                homeroom_approved_at TEXT,
                principal_approved_by TEXT,
                principal_approved_at TEXT,
                issued_at TEXT,
                revoked_at TEXT,
                revocation_reason TEXT,
                replaces TEXT,
                UNIQUE (learner_id, school_year, version),
                UNIQUE (status_list_id, status_index)
            )
            """,
            "CREATE INDEX issued_credentials_class ON issued_credentials (class_id, state)",
            "CREATE INDEX issued_credentials_org ON issued_credentials (org_id, state)",
        ]),
    ]
}
