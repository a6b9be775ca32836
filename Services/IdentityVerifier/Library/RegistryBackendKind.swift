import ArgumentParser

/// Which registry back end the service asks, chosen by `--registry`.
package enum RegistryBackendKind: String, Sendable, CaseIterable, ExpressibleByArgument {
    /// A synthetic registry in its own SQLite file, generated on first start (local runs).
    case embedded
    /// The upstream civil-registry and mobile-ownership web services over HTTP.
    case upstream
}
