import MizPostgres

/// The identity service's PostgreSQL migrations for its own tables (logins, limits, sessions,
/// staff, audit): the same tables as `AuthDatabaseSchema` (SQLite). The synthetic registry is
/// not here: it stays an SQLite file of each instance. Times stay seconds since 1970
/// (`DOUBLE PRECISION`). A migration once shipped is never changed.
package enum AuthPostgresSchema {
    /// The name the identity service's migrations are recorded under.
    package static let component = "identity"

    /// The migrations, in order.
    package static let migrations = [
        PostgresMigration(
            version: 1, name: "login challenges, limits, sessions, staff, audit",
            statements: [
                """
                CREATE TABLE loginChallenge (
                    id TEXT PRIMARY KEY,
                    nationalCode TEXT NOT NULL,
                    codeHash BYTEA NOT NULL,
                    createdAt DOUBLE PRECISION NOT NULL,
                    expiresAt DOUBLE PRECISION NOT NULL,
                    resendAt DOUBLE PRECISION NOT NULL,
                    usedAt DOUBLE PRECISION,
                    wrongTries INTEGER NOT NULL DEFAULT 0
                )
                """,
                "CREATE INDEX loginChallengeCode ON loginChallenge(nationalCode, createdAt)",
                "CREATE TABLE attempt (bucket TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)",
                "CREATE INDEX attemptBucket ON attempt(bucket, at)",
                """
                CREATE TABLE lockout (
                    subject TEXT PRIMARY KEY,
                    failures INTEGER NOT NULL,
                    lockedUntil DOUBLE PRECISION
                )
                """,
                """
                CREATE TABLE session (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('citizen', 'staff')),
                    subject TEXT NOT NULL,
                    createdAt DOUBLE PRECISION NOT NULL,
                    expiresAt DOUBLE PRECISION NOT NULL,
                    revokedAt DOUBLE PRECISION
                )
                """,
                "CREATE INDEX sessionSubject ON session(kind, subject)",
                """
                CREATE TABLE staff (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    displayName TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('official', 'administrator')),
                    provinces TEXT NOT NULL,
                    passwordHash TEXT NOT NULL,
                    createdAt DOUBLE PRECISION NOT NULL,
                    passwordChangedAt DOUBLE PRECISION NOT NULL
                )
                """,
                """
                CREATE TABLE audit (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    at DOUBLE PRECISION NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT,
                    outcome TEXT NOT NULL,
                    clientAddress TEXT
                )
                """,
            ]),
        PostgresMigration(
            version: 2, name: "staff enabled, citizen session mobile, audit detail",
            statements: [
                "ALTER TABLE staff ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE",
                "ALTER TABLE loginChallenge ADD COLUMN mobile TEXT",
                "ALTER TABLE session ADD COLUMN mobile TEXT",
                "ALTER TABLE audit ADD COLUMN detail TEXT",
            ]),
        PostgresMigration(
            version: 3, name: "audit filters",
            statements: [
                "CREATE INDEX auditActor ON audit(actor, id)",
                "CREATE INDEX auditAction ON audit(action, id)",
                "CREATE INDEX auditAt ON audit(at)",
            ]),
    ]
}
