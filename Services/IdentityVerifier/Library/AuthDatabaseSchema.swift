import GRDB

/// The migrations of the identity service's own database (`identity.sqlite`), separate from
/// the synthetic registry file, applied in order at start.
///
/// Tables (times are seconds since 1970, REAL):
/// - `loginChallenge`: one row per `identity.loginStart`: the national code, the code's HMAC
///   (never the code), expiry, resend time, when it was used, wrong tries.
/// - `attempt`: one row per counted attempt per bucket (`start:nc:…`, `start:ip:…`, …) for
///   sliding-window rate limits; old rows are pruned as new ones come.
/// - `lockout`: wrong codes or passwords per subject and the time a lock ends.
/// - `session`: sessions by id: kind, subject, expiry, revocation.
/// - `staff`: officials and administrators with the bcrypt hash of their password.
/// - `audit`: every staff login (success and failure) and change: who, what, when, from where.
///
/// v2 adds `staff.enabled` (an administrator may disable an account), the citizen's mobile on
/// `loginChallenge` and `session` (proven by the code, prefilled on forms), and `audit.detail`.
/// v3 indexes the audit log by actor, action and time, the filters of its page.
package enum AuthDatabaseSchema {
    /// The migrator of the identity database.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: login challenges, limits, sessions, staff, audit") { db in
            try db.execute(
                sql: """
                    CREATE TABLE loginChallenge (
                        id TEXT PRIMARY KEY,
                        nationalCode TEXT NOT NULL,
                        codeHash BLOB NOT NULL,
                        createdAt REAL NOT NULL,
                        expiresAt REAL NOT NULL,
                        resendAt REAL NOT NULL,
                        usedAt REAL,
                        wrongTries INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX loginChallengeCode ON loginChallenge(nationalCode, createdAt);
                    CREATE TABLE attempt (
                        bucket TEXT NOT NULL,
                        at REAL NOT NULL
                    );
                    CREATE INDEX attemptBucket ON attempt(bucket, at);
                    CREATE TABLE lockout (
                        subject TEXT PRIMARY KEY,
                        failures INTEGER NOT NULL,
                        lockedUntil REAL
                    );
                    CREATE TABLE session (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('citizen', 'staff')),
                        subject TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        expiresAt REAL NOT NULL,
                        revokedAt REAL
                    );
                    CREATE INDEX sessionSubject ON session(kind, subject);
                    CREATE TABLE staff (
                        id TEXT PRIMARY KEY,
                        username TEXT NOT NULL UNIQUE,
                        displayName TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('official', 'administrator')),
                        provinces TEXT NOT NULL,
                        passwordHash TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        passwordChangedAt REAL NOT NULL
                    );
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at REAL NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        target TEXT,
                        outcome TEXT NOT NULL,
                        clientAddress TEXT
                    );
                    """)
        }
        migrator.registerMigration("v2: staff enabled, citizen session mobile, audit detail") { db in
            try db.execute(
                sql: """
                    ALTER TABLE staff ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT 1;
                    ALTER TABLE loginChallenge ADD COLUMN mobile TEXT;
                    ALTER TABLE session ADD COLUMN mobile TEXT;
                    ALTER TABLE audit ADD COLUMN detail TEXT;
                    """)
        }
        migrator.registerMigration("v3: audit filters") { db in
            try db.execute(
                sql: """
                    CREATE INDEX auditActor ON audit(actor, id);
                    CREATE INDEX auditAction ON audit(action, id);
                    CREATE INDEX auditAt ON audit(at);
                    """)
        }
        return migrator
    }
}
