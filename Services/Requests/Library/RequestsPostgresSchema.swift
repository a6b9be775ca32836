import MizPostgres

/// The requests service's PostgreSQL migrations: the same tables as `RequestsDatabaseSchema`
/// (SQLite). Times stay seconds since 1970 (`DOUBLE PRECISION`), so both back ends store the
/// same values; documents are `bytea`, written in the request's own transaction, or since
/// version 2 files of the documents folder named by their SHA-256 (`storage = 'folder'`,
/// `content` NULL). A migration once shipped is never changed.
package enum RequestsPostgresSchema {
    /// The name the requests service's migrations are recorded under.
    package static let component = "requests"

    /// The migrations, in order.
    package static let migrations = [
        PostgresMigration(
            version: 1, name: "requests, documents, history, outbox, holidays, audit",
            statements: [
                """
                CREATE TABLE request (
                    id TEXT PRIMARY KEY,
                    processNumber TEXT NOT NULL UNIQUE,
                    year INTEGER NOT NULL,
                    provinceNumber TEXT NOT NULL,
                    sequence INTEGER NOT NULL,
                    trackingHash TEXT NOT NULL,
                    serviceCode TEXT NOT NULL,
                    serviceTitle TEXT NOT NULL,
                    profileVersion INTEGER NOT NULL,
                    profile TEXT NOT NULL,
                    province TEXT NOT NULL,
                    applicantNationalCode TEXT NOT NULL,
                    applicantFirstName TEXT NOT NULL,
                    applicantLastName TEXT NOT NULL,
                    applicantMobile TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN
                        ('submitted', 'underReview', 'needsFix', 'fixed', 'approved', 'rejected', 'withdrawn')),
                    assignee TEXT,
                    submittedAt DOUBLE PRECISION NOT NULL,
                    dueAt DOUBLE PRECISION NOT NULL,
                    decidedAt DOUBLE PRECISION,
                    updatedAt DOUBLE PRECISION NOT NULL,
                    rejectionReasons TEXT,
                    UNIQUE (year, provinceNumber, sequence)
                )
                """,
                "CREATE INDEX requestInbox ON request(province, status, dueAt)",
                "CREATE INDEX requestDue ON request(dueAt)",
                "CREATE INDEX requestApplicant ON request(applicantNationalCode, submittedAt)",
                """
                CREATE TABLE processSequence (
                    year INTEGER NOT NULL,
                    provinceNumber TEXT NOT NULL,
                    last INTEGER NOT NULL,
                    PRIMARY KEY (year, provinceNumber)
                )
                """,
                """
                CREATE TABLE formValue (
                    requestId TEXT NOT NULL REFERENCES request(id),
                    code TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (requestId, code)
                )
                """,
                """
                CREATE TABLE document (
                    id TEXT PRIMARY KEY,
                    position BIGINT GENERATED ALWAYS AS IDENTITY,
                    requestId TEXT NOT NULL REFERENCES request(id),
                    key TEXT NOT NULL,
                    fileName TEXT NOT NULL,
                    fileType TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    content BYTEA NOT NULL,
                    uploadedAt DOUBLE PRECISION NOT NULL,
                    current BOOLEAN NOT NULL DEFAULT TRUE
                )
                """,
                "CREATE INDEX documentRequest ON document(requestId, key)",
                """
                CREATE TABLE statusHistory (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    requestId TEXT NOT NULL REFERENCES request(id),
                    action TEXT NOT NULL,
                    fromStatus TEXT,
                    toStatus TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    at DOUBLE PRECISION NOT NULL,
                    note TEXT
                )
                """,
                "CREATE INDEX historyRequest ON statusHistory(requestId, id)",
                """
                CREATE TABLE fixRequest (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    requestId TEXT NOT NULL REFERENCES request(id),
                    fields TEXT NOT NULL,
                    documents TEXT NOT NULL,
                    message TEXT NOT NULL,
                    askedBy TEXT NOT NULL,
                    askedAt DOUBLE PRECISION NOT NULL,
                    answeredAt DOUBLE PRECISION
                )
                """,
                "CREATE INDEX fixRequestRequest ON fixRequest(requestId, id)",
                """
                CREATE TABLE internalNote (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    requestId TEXT NOT NULL REFERENCES request(id),
                    author TEXT NOT NULL,
                    text TEXT NOT NULL,
                    at DOUBLE PRECISION NOT NULL
                )
                """,
                "CREATE INDEX noteRequest ON internalNote(requestId, id)",
                """
                CREATE TABLE outbox (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    eventId TEXT NOT NULL UNIQUE,
                    requestId TEXT NOT NULL REFERENCES request(id),
                    recipient TEXT NOT NULL,
                    template TEXT NOT NULL,
                    parameters TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    nextAttemptAt DOUBLE PRECISION,
                    leaseUntil DOUBLE PRECISION,
                    createdAt DOUBLE PRECISION NOT NULL,
                    sentAt DOUBLE PRECISION,
                    lastError TEXT
                )
                """,
                "CREATE INDEX outboxDue ON outbox(status, nextAttemptAt)",
                """
                CREATE TABLE idempotency (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    route TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    reply BYTEA,
                    requestId TEXT,
                    createdAt DOUBLE PRECISION NOT NULL,
                    expiresAt DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (scope, key)
                )
                """,
                "CREATE INDEX idempotencyExpiry ON idempotency(expiresAt)",
                "CREATE TABLE holiday (date TEXT PRIMARY KEY, title TEXT NOT NULL)",
                """
                CREATE TABLE audit (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    at DOUBLE PRECISION NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    requestId TEXT,
                    detail TEXT
                )
                """,
                "CREATE INDEX auditRequest ON audit(requestId, id)",
                seedHolidays,
            ]),
        PostgresMigration(
            version: 2, name: "documents' bytes in the database or the documents folder",
            statements: [
                "ALTER TABLE document ALTER COLUMN content DROP NOT NULL",
                """
                ALTER TABLE document ADD COLUMN storage TEXT NOT NULL DEFAULT 'database'
                    CHECK (storage IN ('database', 'folder'))
                """,
                """
                ALTER TABLE document ADD CONSTRAINT documentContentStored
                    CHECK ((storage = 'database') = (content IS NOT NULL))
                """,
                "CREATE INDEX documentFile ON document(sha256) WHERE storage = 'folder'",
            ]),
    ]

    /// The fixed solar holidays of 1404–1406, as the SQLite migration seeds them.
    private static var seedHolidays: String {
        let rows = (1404...1406).flatMap { year in
            RequestsDatabaseSchema.fixedSolarHolidays.map { monthDay, title in "('\(year)-\(monthDay)', '\(title)')" }
        }
        return "INSERT INTO holiday (date, title) VALUES " + rows.joined(separator: ", ")
    }
}
