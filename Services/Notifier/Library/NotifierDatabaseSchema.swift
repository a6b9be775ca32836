import GRDB

/// The notifier database's migrations, applied in order at start.
///
/// Tables:
/// - `message`: the outbox and delivery log, one row per event id (unique): recipient,
///   template and version, parameters, rendered text, status (queued, sending, delivered,
///   failed with a reason), attempts, the next attempt's time and the current lease.
///   Times are seconds since 1970 (REAL), compared numerically.
/// - `deliveryAttempt`: one row per attempt: when, how it ended, the error.
package enum NotifierDatabaseSchema {
    /// The migrator of the notifier database.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: messages and delivery attempts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE message (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        eventId TEXT NOT NULL UNIQUE,
                        recipient TEXT NOT NULL,
                        template TEXT NOT NULL,
                        templateVersion INTEGER NOT NULL,
                        parameters TEXT NOT NULL,
                        body TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'delivered', 'failed')),
                        failureReason TEXT,
                        lastError TEXT,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        createdAt REAL NOT NULL,
                        nextAttemptAt REAL,
                        leaseUntil REAL,
                        deliveredAt REAL,
                        providerMessageId TEXT
                    );
                    CREATE INDEX messageDue ON message(status, nextAttemptAt);
                    CREATE INDEX messageRecipient ON message(recipient, createdAt);
                    CREATE TABLE deliveryAttempt (
                        messageId INTEGER NOT NULL REFERENCES message(id),
                        attempt INTEGER NOT NULL,
                        finishedAt REAL NOT NULL,
                        outcome TEXT NOT NULL,
                        error TEXT,
                        PRIMARY KEY (messageId, attempt)
                    );
                    """)
        }
        return migrator
    }
}
