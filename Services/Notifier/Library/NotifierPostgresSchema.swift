import MizPostgres

/// The notifier's PostgreSQL migrations: the same tables as `NotifierDatabaseSchema` (SQLite);
/// times stay seconds since 1970 (`DOUBLE PRECISION`), compared numerically, so both back ends
/// store the same values. A migration once shipped is never changed.
package enum NotifierPostgresSchema {
    /// The name the notifier's migrations are recorded under.
    package static let component = "notifier"

    /// The migrations, in order.
    package static let migrations = [
        PostgresMigration(
            version: 1, name: "messages and delivery attempts",
            statements: [
                """
                CREATE TABLE message (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
                    createdAt DOUBLE PRECISION NOT NULL,
                    nextAttemptAt DOUBLE PRECISION,
                    leaseUntil DOUBLE PRECISION,
                    deliveredAt DOUBLE PRECISION,
                    providerMessageId TEXT
                )
                """,
                "CREATE INDEX messageDue ON message(status, nextAttemptAt)",
                "CREATE INDEX messageRecipient ON message(recipient, createdAt)",
                """
                CREATE TABLE deliveryAttempt (
                    messageId BIGINT NOT NULL REFERENCES message(id),
                    attempt INTEGER NOT NULL,
                    finishedAt DOUBLE PRECISION NOT NULL,
                    outcome TEXT NOT NULL,
                    error TEXT,
                    PRIMARY KEY (messageId, attempt)
                )
                """,
            ])
    ]
}
