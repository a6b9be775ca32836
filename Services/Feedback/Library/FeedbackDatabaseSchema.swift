import GRDB

/// The feedback database's migrations, applied in order at start.
///
/// Tables (times are seconds since 1970, REAL):
/// - `survey`: one per request (`requestId` unique), with the answers and the owner.
/// - `complaint`: by tracking number, with status, answer and due date; its attachment's bytes
///   in `complaintAttachment`.
/// - `message`: messages from anyone, with a keyed hash of the sender's address for the rate
///   limit (the address itself is not kept).
/// - `spentChallenge`: the challenge tokens already used, until they expire.
/// - `challengeFailure`: wrong answers per sender (keyed hash), so guessing is limited too.
/// - `outbox`: notifications for the notifier, written in the transaction that caused them.
package enum FeedbackDatabaseSchema {
    /// The migrator of the feedback database.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: surveys, complaints, messages, outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE survey (
                        requestId TEXT PRIMARY KEY,
                        processNumber TEXT NOT NULL,
                        serviceCode TEXT NOT NULL,
                        province TEXT NOT NULL,
                        ownerNationalCode TEXT NOT NULL,
                        satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
                        onTime INTEGER NOT NULL,
                        explanationClear INTEGER NOT NULL,
                        comment TEXT,
                        submittedAt REAL NOT NULL,
                        updatedAt REAL NOT NULL,
                        idempotencyKey TEXT UNIQUE
                    );
                    CREATE INDEX surveyService ON survey(serviceCode, province);
                    CREATE TABLE complaint (
                        trackingNumber TEXT PRIMARY KEY,
                        requestId TEXT NOT NULL,
                        processNumber TEXT NOT NULL,
                        serviceCode TEXT NOT NULL,
                        province TEXT NOT NULL,
                        ownerNationalCode TEXT NOT NULL,
                        applicantMobile TEXT NOT NULL,
                        text TEXT NOT NULL,
                        attachmentType TEXT,
                        attachmentSize INTEGER,
                        attachmentSha256 TEXT,
                        status TEXT NOT NULL CHECK (status IN ('registered', 'underReview', 'answered', 'closed')),
                        answer TEXT,
                        answeredBy TEXT,
                        createdAt REAL NOT NULL,
                        reviewedAt REAL,
                        answeredAt REAL,
                        closedAt REAL,
                        dueAt REAL NOT NULL,
                        idempotencyKey TEXT UNIQUE
                    );
                    CREATE INDEX complaintRequest ON complaint(requestId, status);
                    CREATE INDEX complaintProvince ON complaint(province, status, dueAt);
                    CREATE INDEX complaintOwner ON complaint(ownerNationalCode);
                    CREATE TABLE complaintAttachment (
                        trackingNumber TEXT PRIMARY KEY REFERENCES complaint(trackingNumber),
                        bytes BLOB NOT NULL
                    );
                    CREATE TABLE message (
                        messageNumber TEXT PRIMARY KEY,
                        kind TEXT NOT NULL,
                        serviceCode TEXT,
                        province TEXT,
                        contactMobile TEXT,
                        text TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('new', 'closed')),
                        clientKey TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        closedAt REAL,
                        idempotencyKey TEXT UNIQUE
                    );
                    CREATE INDEX messageClient ON message(clientKey, createdAt);
                    CREATE INDEX messageProvince ON message(province, createdAt);
                    CREATE TABLE spentChallenge (
                        nonce TEXT PRIMARY KEY,
                        expiresAt REAL NOT NULL
                    );
                    CREATE TABLE challengeFailure (
                        clientKey TEXT NOT NULL,
                        at REAL NOT NULL
                    );
                    CREATE INDEX challengeFailureClient ON challengeFailure(clientKey, at);
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        eventId TEXT NOT NULL UNIQUE,
                        request TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'delivered', 'failed')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        nextAttemptAt REAL,
                        leaseUntil REAL,
                        lastError TEXT,
                        createdAt REAL NOT NULL,
                        deliveredAt REAL
                    );
                    CREATE INDEX outboxDue ON outbox(status, nextAttemptAt);
                    """)
        }
        return migrator
    }
}
