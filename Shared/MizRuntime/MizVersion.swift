/// The version of this build of Miz, reported by every ping and health check.
package enum MizVersion {
    package static let current = "0.1.0"
}
