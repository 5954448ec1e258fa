/// The platform's own tables: the education-management tree, principals, sessions, the audit log,
/// the change feed, record scopes and idempotency keys.
public enum PlatformMigrations {
    public static let all: [Migration] = [
        Migration(1, "platform", [
            """
            CREATE TABLE org_units (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                province_code TEXT,
                status TEXT NOT NULL DEFAULT 'active',
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE org_edges (
                child_id TEXT NOT NULL REFERENCES org_units (id),
                parent_id TEXT NOT NULL REFERENCES org_units (id),
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                PRIMARY KEY (child_id, valid_from)
            )
            """,
            "CREATE INDEX org_edges_parent ON org_edges (parent_id)",
            """
            CREATE TABLE org_closure (
                ancestor_id TEXT NOT NULL,
                descendant_id TEXT NOT NULL,
                depth INTEGER NOT NULL,
                PRIMARY KEY (ancestor_id, descendant_id)
            )
            """,
            "CREATE INDEX org_closure_descendant ON org_closure (descendant_id)",
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE api_clients (
                id TEXT PRIMARY KEY,
                client_id TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                secret_hash TEXT NOT NULL,
                scopes TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE grants (
                principal_id TEXT NOT NULL,
                role TEXT NOT NULL,
                org_id TEXT NOT NULL REFERENCES org_units (id),
                created_at TEXT NOT NULL,
                PRIMARY KEY (principal_id, role, org_id)
            )
            """,
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                principal_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                csrf_token TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE audit_log (
                seq {{serial}},
                at TEXT NOT NULL,
                principal_id TEXT NOT NULL,
                principal_name TEXT NOT NULL,
                action TEXT NOT NULL,
                resource TEXT NOT NULL,
                record_id TEXT,
                org_id TEXT,
                detail TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_log_record ON audit_log (resource, record_id)",
            "CREATE INDEX audit_log_org ON audit_log (org_id)",
            """
            CREATE TABLE changes (
                change_version {{serial}},
                resource TEXT NOT NULL,
                record_id TEXT NOT NULL,
                org_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                natural_key TEXT NOT NULL,
                old_key TEXT,
                key_field TEXT,
                old_value TEXT,
                new_value TEXT,
                sensitive INTEGER NOT NULL DEFAULT 0,
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX changes_org ON changes (org_id, change_version)",
            """
            CREATE TABLE record_scopes (
                resource TEXT NOT NULL,
                record_id TEXT NOT NULL,
                org_id TEXT NOT NULL,
                PRIMARY KEY (resource, record_id, org_id)
            )
            """,
            "CREATE INDEX record_scopes_org ON record_scopes (org_id)",
            """
            CREATE TABLE idempotency_keys (
                principal_id TEXT NOT NULL,
                idem_key TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                status INTEGER NOT NULL,
                body TEXT NOT NULL,
                etag TEXT,
                created_at TEXT NOT NULL,
                PRIMARY KEY (principal_id, idem_key)
            )
            """,
        ]),
        // A user who is a member of staff names their staff record (by its sector code), so their
        // teaching assignments can decide which scores they may enter.
        Migration(5, "users name their staff record", ["ALTER TABLE users ADD COLUMN staff_code TEXT"]),
        // A graduation-exam candidate signs in to follow their own registration, pay its fees, place
        // wishes and confirm admission; the account names that registration and holds no role.
        Migration(15, "candidate accounts name their exam registration", ["ALTER TABLE users ADD COLUMN exam_registration_id TEXT"]),
    ]
}
