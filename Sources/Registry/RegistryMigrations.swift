import Platform
import SQLKit

/// The registry's tables. Append-only: a schema change is a new migration.
public enum RegistryMigrations {
    public static let all: [Migration] = [
        Migration(2, "registry", [
            """
            CREATE TABLE admin_units (
                code TEXT PRIMARY KEY,
                level TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                parent_code TEXT,
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                successor_code TEXT
            )
            """,
            "CREATE INDEX admin_units_parent ON admin_units (parent_code)",
            "CREATE TABLE id_sequences (name TEXT PRIMARY KEY, next_value BIGINT NOT NULL)",
        ]
            + ResourceDescriptor.createTable("schools", extra: ["commune_code TEXT"])
            + ResourceDescriptor.createTable("staff", extra: ["citizen_id TEXT"])
            + ["CREATE INDEX staff_citizen_id ON staff (citizen_id)"]
            + ResourceDescriptor.createTable("learners", extra: ["citizen_id TEXT"])
            + ["CREATE INDEX learners_citizen_id ON learners (citizen_id)"]
            + ResourceDescriptor.createTable("guardians", extra: ["learner_id TEXT"])
            + ["CREATE INDEX guardians_learner ON guardians (learner_id)"]
            + ResourceDescriptor.createTable("school_years")
            + ResourceDescriptor.createTable("classes", extra: ["school_year TEXT", "grade TEXT"])
            + ResourceDescriptor.createTable("teaching_assignments", extra: ["staff_id TEXT", "class_id TEXT"])
            + ResourceDescriptor.createTable("enrolments", extra: ["learner_id TEXT", "class_id TEXT", "school_year TEXT"])
            + [
                "CREATE INDEX enrolments_learner ON enrolments (learner_id)",
                "CREATE INDEX enrolments_class ON enrolments (class_id, status)",
                // The backstop of "at most one active enrolment per learner and school year".
                "CREATE UNIQUE INDEX enrolments_one_active ON enrolments (learner_id, school_year) WHERE status = 'active'",
            ]
            + ResourceDescriptor.createTable("transfers", extra: ["learner_id TEXT"])),
        // The administrative units shipped with the module (Resources/SOURCES.md).
        Migration(3, "admin units 2008 and 2025", [], data: { db in try await AdminUnits.seed(db) }),
        // A class names its homeroom teacher; the reference becomes a column so that deleting that
        // staff member can be refused like any other reference.
        Migration(4, "classes name their homeroom teacher by ID", [
            "ALTER TABLE classes ADD COLUMN homeroom_staff_id TEXT",
            "CREATE INDEX classes_homeroom ON classes (homeroom_staff_id)",
        ], data: { db in try await SchoolClass.linkHomeroomTeachers(db) }),
        // The API lists records by ID, and exports page through them by natural key, in byte order
        // (`COLLATE "C"` on PostgreSQL, SQLite's own order for text). An index in the database's
        // collation cannot give that order, so on PostgreSQL every page sorted the whole table. The
        // two key columns take byte order there, and their indexes serve those pages. SQLite keeps its
        // tables: it compares text byte by byte already.
        Migration(18, "record IDs and natural keys in byte order", [], data: { db in
            guard db.dialect.name == "postgresql" else { return }
            for table in byteOrderKeyTables {
                try await db.raw("""
                    ALTER TABLE \(ident: table) ALTER COLUMN id TYPE TEXT COLLATE "C", ALTER COLUMN natural_key TYPE TEXT COLLATE "C"
                    """).run()
            }
        }),
    ]

    /// The tables `ResourceDescriptor.createTable` made before migration 18. A record table made after
    /// it declares the same collation on PostgreSQL.
    static let byteOrderKeyTables = [
        "schools", "staff", "learners", "guardians", "school_years", "classes", "teaching_assignments", "enrolments", "transfers",
    ]
}
