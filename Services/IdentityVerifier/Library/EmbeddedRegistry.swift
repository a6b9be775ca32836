import Foundation
import GRDB
import MizPersian
import Synchronization

/// The registry of a local run: synthetic citizens in their own SQLite file (GRDB, WAL),
/// generated deterministically the first time the file is opened.
///
/// Answers both checks from the `citizen` table: the civil registry by national code and
/// birth date, mobile ownership by national code and mobile.
package final class EmbeddedRegistry: IdentityRegistry {
    /// The database file's name inside the data folder.
    package static let fileName = "identity-registry.sqlite"

    private let pool: DatabasePool
    /// Set once the registry is known to be complete, so lookups stop checking.
    private let populated = Mutex(false)

    /// Opens (creating when missing) and migrates the database at `path`; call `populate` to
    /// fill it on first start.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "identity-registry"
        configuration.busyMode = .timeout(30)
        pool = try DatabasePool(path: path, configuration: configuration)
        try EmbeddedRegistrySchema.migrator.migrate(pool)
    }

    /// Fills an empty registry with `count` synthetic citizens from `seed` plus the demo
    /// citizens, in one transaction; several instances starting at once generate once.
    ///
    /// - Returns: the number of citizens written now, 0 when the registry was already there.
    @discardableResult
    package func populate(count: Int, seed: UInt64) async throws -> Int {
        if try await isPopulated() { return 0 }
        let citizens = DemoCitizens.all + SyntheticPopulation.generate(count: count, seed: seed)
        let written = try await pool.writeWithoutTransaction { db in
            var written = 0
            try db.inTransaction(.immediate) {
                guard try String.fetchOne(db, sql: "SELECT value FROM registryInfo WHERE key = 'generated'") == nil
                else { return .commit }
                let insert = try db.makeStatement(
                    sql:
                        "INSERT INTO citizen (nationalCode, birthDate, firstName, lastName, mobile) VALUES (?, ?, ?, ?, ?)"
                )
                for citizen in citizens {
                    try insert.execute(arguments: [
                        citizen.nationalCode, citizen.birthDate, citizen.firstName, citizen.lastName, citizen.mobile,
                    ])
                }
                try db.execute(
                    sql: "INSERT INTO registryInfo (key, value) VALUES ('generated', ?), ('seed', ?), ('count', ?)",
                    arguments: [ISO8601DateFormatter().string(from: Date()), "\(seed)", "\(citizens.count)"])
                written = citizens.count
                return .commit
            }
            return written
        }
        populated.withLock { $0 = true }
        return written
    }

    /// Whether the registry has been generated (here or by another instance sharing the file).
    package func isPopulated() async throws -> Bool {
        if populated.withLock({ $0 }) { return true }
        let done = try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM registryInfo WHERE key = 'generated'") != nil
        }
        if done { populated.withLock { $0 = true } }
        return done
    }

    /// Throws while the registry is still being generated: an empty registry must not answer
    /// «no such person».
    private func requirePopulated() async throws {
        guard try await isPopulated() else {
            throw RegistryUnavailable("the embedded registry is still being generated")
        }
    }

    /// The number of citizens on record.
    package func citizenCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM citizen") ?? 0 }
    }

    /// The citizen at `offset` in national-code order, for tests that need a generated person.
    package func citizen(atOffset offset: Int) async throws -> SyntheticCitizen? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT nationalCode, birthDate, firstName, lastName, mobile FROM citizen
                    ORDER BY nationalCode LIMIT 1 OFFSET ?
                    """,
                arguments: [offset]
            ).map {
                SyntheticCitizen(
                    nationalCode: $0["nationalCode"], birthDate: $0["birthDate"], firstName: $0["firstName"],
                    lastName: $0["lastName"], mobile: $0["mobile"])
            }
        }
    }

    package func person(nationalCode: NationalCode, birthDate: JalaliDate) async throws -> RegistryRecord? {
        try await requirePopulated()
        return try await pool.unsafeRead { db in
            let statement = try db.cachedStatement(
                sql: "SELECT firstName, lastName FROM citizen WHERE nationalCode = ? AND birthDate = ?")
            return try Row.fetchOne(statement, arguments: [nationalCode.digits, birthDate.description]).map {
                RegistryRecord(firstName: $0[0], lastName: $0[1])
            }
        }
    }

    package func mobile(_ mobile: MobileNumber, belongsTo nationalCode: NationalCode) async throws -> Bool {
        try await requirePopulated()
        return try await pool.unsafeRead { db in
            let statement = try db.cachedStatement(sql: "SELECT 1 FROM citizen WHERE nationalCode = ? AND mobile = ?")
            return try Bool.fetchOne(statement, arguments: [nationalCode.digits, mobile.digits]) ?? false
        }
    }

    /// Both checks in one read of one row: the person by national code and birth date, and
    /// whether the mobile on their row is the applicant's (the embedded registry's mobile
    /// ownership is that column, as in `mobile(_:belongsTo:)`).
    ///
    /// One read instead of two saves a hand-off to the reader queue and back per
    /// verification; the statement is prepared once per reader connection. A single SELECT
    /// is atomic in itself, so the lookups read without GRDB's BEGIN/COMMIT around them
    /// (`unsafeRead`). The names are compared after the read, off the reader.
    package func verdict(on applicant: ValidatedApplicant) async throws -> RegistryVerdict {
        try await requirePopulated()
        let found = try await pool.unsafeRead { db -> (record: RegistryRecord, owned: Bool)? in
            let statement = try db.cachedStatement(
                sql: "SELECT firstName, lastName, mobile = ? FROM citizen WHERE nationalCode = ? AND birthDate = ?")
            let arguments: StatementArguments = [
                applicant.mobile.digits, applicant.nationalCode.digits, applicant.birthDate.description,
            ]
            return try Row.fetchOne(statement, arguments: arguments).map {
                (RegistryRecord(firstName: $0[0], lastName: $0[1]), $0[2])
            }
        }
        guard let found else { return .noSuchPerson }
        guard applicant.hasNames(of: found.record) else { return .namesDiffer }
        return found.owned ? .verified : .mobileNotOwned
    }

    package func isReady() async -> Bool {
        (try? await isPopulated()) ?? false
    }
}
