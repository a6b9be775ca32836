import Foundation
import IdentityVerifier
import Logging
import MizPersian
import MizSchema

/// A registry that cannot answer: the civil registry is down.
struct DownRegistry: IdentityRegistry {
    func person(nationalCode: NationalCode, birthDate: JalaliDate) async throws -> RegistryRecord? {
        throw RegistryUnavailable("connection refused")
    }

    func mobile(_ mobile: MobileNumber, belongsTo nationalCode: NationalCode) async throws -> Bool {
        throw RegistryUnavailable("connection refused")
    }

    func isReady() async -> Bool { false }
}

/// An embedded registry in its own temporary folder.
struct RegistryFixture {
    let folder: URL
    let registry: EmbeddedRegistry
    let routes: IdentityRoutes

    init(population: Int = 500, seed: UInt64 = 11) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-identity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        registry = try EmbeddedRegistry(path: folder.appendingPathComponent(EmbeddedRegistry.fileName).path)
        try await registry.populate(count: population, seed: seed)
        routes = IdentityRoutes(registry: registry)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The demo citizens' requests.
enum Demo {
    static let ali = IdentityVerifyRequest(
        nationalCode: "0012345679", birthDate: "1370/05/12", firstName: "علی", lastName: "رضایی",
        mobile: "09121234567")
    static let fatemeh = IdentityVerifyRequest(
        nationalCode: "0023456787", birthDate: "1365/12/29", firstName: "فاطمه", lastName: "محمدی",
        mobile: "09351234567")
}

let testLogger = Logger(label: "identity-tests")
