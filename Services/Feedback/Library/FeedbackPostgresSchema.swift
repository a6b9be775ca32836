import MizPostgres

/// The feedback service's PostgreSQL migrations: the same tables as `FeedbackDatabaseSchema`
/// (SQLite). Times stay seconds since 1970 (`DOUBLE PRECISION`), so both back ends store the
/// same values; attachments are `bytea`, written in the complaint's own transaction. A
/// migration once shipped is never changed.
package enum FeedbackPostgresSchema {
    /// The name the feedback service's migrations are recorded under.
    package static let component = "feedback"

    /// The migrations, in order.
    package static let migrations = [
        PostgresMigration(
            version: 1, name: "surveys, complaints, messages, outbox",
            statements: [
                """
                CREATE TABLE survey (
                    requestId TEXT PRIMARY KEY,
                    processNumber TEXT NOT NULL,
                    serviceCode TEXT NOT NULL,
                    province TEXT NOT NULL,
                    ownerNationalCode TEXT NOT NULL,
                    satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
                    onTime BOOLEAN NOT NULL,
                    explanationClear BOOLEAN NOT NULL,
                    comment TEXT,
                    submittedAt DOUBLE PRECISION NOT NULL,
                    updatedAt DOUBLE PRECISION NOT NULL,
                    idempotencyKey TEXT UNIQUE
                )
                """,
                "CREATE INDEX surveyService ON survey(serviceCode, province)",
                """
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
                    createdAt DOUBLE PRECISION NOT NULL,
                    reviewedAt DOUBLE PRECISION,
                    answeredAt DOUBLE PRECISION,
                    closedAt DOUBLE PRECISION,
                    dueAt DOUBLE PRECISION NOT NULL,
                    idempotencyKey TEXT UNIQUE
                )
                """,
                "CREATE INDEX complaintRequest ON complaint(requestId, status)",
                "CREATE INDEX complaintProvince ON complaint(province, status, dueAt)",
                "CREATE INDEX complaintOwner ON complaint(ownerNationalCode)",
                """
                CREATE TABLE complaintAttachment (
                    trackingNumber TEXT PRIMARY KEY REFERENCES complaint(trackingNumber),
                    bytes BYTEA NOT NULL
                )
                """,
                """
                CREATE TABLE message (
                    messageNumber TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    serviceCode TEXT,
                    province TEXT,
                    contactMobile TEXT,
                    text TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('new', 'closed')),
                    clientKey TEXT NOT NULL,
                    createdAt DOUBLE PRECISION NOT NULL,
                    closedAt DOUBLE PRECISION,
                    idempotencyKey TEXT UNIQUE
                )
                """,
                "CREATE INDEX messageClient ON message(clientKey, createdAt)",
                "CREATE INDEX messageProvince ON message(province, createdAt)",
                "CREATE TABLE spentChallenge (nonce TEXT PRIMARY KEY, expiresAt DOUBLE PRECISION NOT NULL)",
                "CREATE TABLE challengeFailure (clientKey TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)",
                "CREATE INDEX challengeFailureClient ON challengeFailure(clientKey, at)",
                """
                CREATE TABLE outbox (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    eventId TEXT NOT NULL UNIQUE,
                    request TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'delivered', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    nextAttemptAt DOUBLE PRECISION,
                    leaseUntil DOUBLE PRECISION,
                    lastError TEXT,
                    createdAt DOUBLE PRECISION NOT NULL,
                    deliveredAt DOUBLE PRECISION
                )
                """,
                "CREATE INDEX outboxDue ON outbox(status, nextAttemptAt)",
            ])
    ]
}
