/// What the service worker (`/sw.js`) may keep, written into the script as JSON (`RULES`).
///
/// Only the static shell: the versioned files every page is drawn with and the offline page.
/// The script stores these exact addresses when it installs and never puts anything else in
/// its cache, so no page, panel, inbox or API reply (a citizen's data) stays on a shared phone.
package struct ServiceWorkerRules: Codable, Sendable, Equatable {
    /// The cache's name. It changes with the shell, so the worker of a new deployment
    /// replaces the cache of the old one.
    package var cache: String
    /// The exact addresses (path and query) kept, fetched without cookies.
    package var shell: [String]
    /// The address of the offline page in the cache, shown when a page cannot be fetched.
    package var offline: String

    /// The rules for the shell files `assets` and an offline page whose content hashes to
    /// `offlineVersion`.
    package init(assets: [String], offlineVersion: String) {
        offline = "\(WebAppRoutes.offlinePath)?v=\(offlineVersion)"
        shell = assets + [offline]
        cache = "miz-shell-" + FNV1a64.hexDigest(shell.joined(separator: "\n").utf8).prefix(12)
    }
}
