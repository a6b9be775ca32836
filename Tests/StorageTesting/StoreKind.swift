import Testing

/// The back ends a storage test runs against; `postgres` needs `MIZ_TEST_DATABASE_URL`
/// (deploy/postgres-test-cluster.sh sets it) and is cancelled with the reason without it.
package enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    package var testDescription: String { rawValue }
}
