import GRDB

/// The requests database's migrations, applied in order at start.
///
/// Tables (times are seconds since 1970, REAL):
/// - `request`: one row per request: process number (unique, and unique per year, province
///   and sequence), the tracking code's SHA-256 only, service, profile JSON, province,
///   verified applicant, status, assignee, due and decision dates.
/// - `processSequence`: the last sequence drawn per Jalali year and province.
/// - `formValue`: the form's answers. `document`: files with type, size, SHA-256 and where
///   their bytes are (`storage`): a BLOB in `content` (the default: a request and its files in
///   one transaction and one file to back up), or, with `--documents-folder`, a file of the
///   documents folder named by its SHA-256 (`content` NULL).
/// - `statusHistory`, `fixRequest`, `internalNote`, `audit`: the record of who did what.
/// - `outbox`: SMS events written with the change that causes them, until acknowledged.
/// - `idempotency`: keys of writes with their fingerprint and reply, until they expire.
/// - `holiday`: official holidays by Jalali day; the fixed solar ones are seeded.
package enum RequestsDatabaseSchema {
    /// The migrator of the requests database.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: requests, documents, history, outbox, holidays, audit") { db in
            try db.execute(
                sql: """
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
                        submittedAt REAL NOT NULL,
                        dueAt REAL NOT NULL,
                        decidedAt REAL,
                        updatedAt REAL NOT NULL,
                        rejectionReasons TEXT,
                        UNIQUE (year, provinceNumber, sequence)
                    );
                    CREATE INDEX requestInbox ON request(province, status, dueAt);
                    CREATE INDEX requestDue ON request(dueAt);
                    CREATE INDEX requestApplicant ON request(applicantNationalCode, submittedAt);
                    CREATE TABLE processSequence (
                        year INTEGER NOT NULL,
                        provinceNumber TEXT NOT NULL,
                        last INTEGER NOT NULL,
                        PRIMARY KEY (year, provinceNumber)
                    );
                    CREATE TABLE formValue (
                        requestId TEXT NOT NULL REFERENCES request(id),
                        code TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (requestId, code)
                    );
                    CREATE TABLE document (
                        id TEXT PRIMARY KEY,
                        requestId TEXT NOT NULL REFERENCES request(id),
                        key TEXT NOT NULL,
                        fileName TEXT NOT NULL,
                        fileType TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        content BLOB NOT NULL,
                        uploadedAt REAL NOT NULL,
                        current INTEGER NOT NULL DEFAULT 1
                    );
                    CREATE INDEX documentRequest ON document(requestId, key);
                    CREATE TABLE statusHistory (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        requestId TEXT NOT NULL REFERENCES request(id),
                        action TEXT NOT NULL,
                        fromStatus TEXT,
                        toStatus TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        at REAL NOT NULL,
                        note TEXT
                    );
                    CREATE INDEX historyRequest ON statusHistory(requestId, id);
                    CREATE TABLE fixRequest (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        requestId TEXT NOT NULL REFERENCES request(id),
                        fields TEXT NOT NULL,
                        documents TEXT NOT NULL,
                        message TEXT NOT NULL,
                        askedBy TEXT NOT NULL,
                        askedAt REAL NOT NULL,
                        answeredAt REAL
                    );
                    CREATE INDEX fixRequestRequest ON fixRequest(requestId, id);
                    CREATE TABLE internalNote (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        requestId TEXT NOT NULL REFERENCES request(id),
                        author TEXT NOT NULL,
                        text TEXT NOT NULL,
                        at REAL NOT NULL
                    );
                    CREATE INDEX noteRequest ON internalNote(requestId, id);
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        eventId TEXT NOT NULL UNIQUE,
                        requestId TEXT NOT NULL REFERENCES request(id),
                        recipient TEXT NOT NULL,
                        template TEXT NOT NULL,
                        parameters TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        nextAttemptAt REAL,
                        leaseUntil REAL,
                        createdAt REAL NOT NULL,
                        sentAt REAL,
                        lastError TEXT
                    );
                    CREATE INDEX outboxDue ON outbox(status, nextAttemptAt);
                    CREATE TABLE idempotency (
                        scope TEXT NOT NULL,
                        key TEXT NOT NULL,
                        route TEXT NOT NULL,
                        fingerprint TEXT NOT NULL,
                        reply BLOB,
                        requestId TEXT,
                        createdAt REAL NOT NULL,
                        expiresAt REAL NOT NULL,
                        PRIMARY KEY (scope, key)
                    );
                    CREATE INDEX idempotencyExpiry ON idempotency(expiresAt);
                    CREATE TABLE holiday (
                        date TEXT PRIMARY KEY,
                        title TEXT NOT NULL
                    );
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at REAL NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        requestId TEXT,
                        detail TEXT
                    );
                    CREATE INDEX auditRequest ON audit(requestId, id);
                    """)
            for year in 1404...1406 {
                for (monthDay, title) in fixedSolarHolidays {
                    try db.execute(
                        sql: "INSERT INTO holiday (date, title) VALUES (?, ?)",
                        arguments: ["\(year)-\(monthDay)", title])
                }
            }
        }
        migrator.registerMigration("v2: documents' bytes in the database or the documents folder") { db in
            // SQLite cannot drop NOT NULL from a column: the table is made again, rows kept in order.
            try db.execute(
                sql: """
                    CREATE TABLE documentWithStorage (
                        id TEXT PRIMARY KEY,
                        requestId TEXT NOT NULL REFERENCES request(id),
                        key TEXT NOT NULL,
                        fileName TEXT NOT NULL,
                        fileType TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        content BLOB,
                        storage TEXT NOT NULL DEFAULT 'database' CHECK (storage IN ('database', 'folder')),
                        uploadedAt REAL NOT NULL,
                        current INTEGER NOT NULL DEFAULT 1,
                        CHECK ((storage = 'database') = (content IS NOT NULL))
                    );
                    INSERT INTO documentWithStorage
                        (id, requestId, key, fileName, fileType, size, sha256, content, storage, uploadedAt, current)
                    SELECT id, requestId, key, fileName, fileType, size, sha256, content, 'database', uploadedAt, current
                    FROM document ORDER BY rowid;
                    DROP TABLE document;
                    ALTER TABLE documentWithStorage RENAME TO document;
                    CREATE INDEX documentRequest ON document(requestId, key);
                    CREATE INDEX documentFile ON document(sha256) WHERE storage = 'folder';
                    """)
        }
        return migrator
    }

    /// The official holidays fixed in the solar calendar; the lunar ones move every year and
    /// administrators add them through `requests.addHoliday`.
    static let fixedSolarHolidays: [(String, String)] = [
        ("01-01", "عید نوروز"), ("01-02", "عید نوروز"), ("01-03", "عید نوروز"), ("01-04", "عید نوروز"),
        ("01-12", "روز جمهوری اسلامی"), ("01-13", "روز طبیعت"), ("03-14", "رحلت امام خمینی"),
        ("03-15", "قیام ۱۵ خرداد"), ("11-22", "پیروزی انقلاب اسلامی"), ("12-29", "ملی شدن صنعت نفت"),
    ]
}
