import Foundation
import Hummingbird

/// The static files of the pages (stylesheet, script, fonts, icon), read into memory once at
/// start and served under `/assets/` with their content type, an ETag and caching: a year
/// when asked for by the current content hash (`?v=`), an hour otherwise.
package struct WebAssets: Sendable {
    /// One file as served.
    package struct Asset: Sendable {
        package var bytes: ByteBuffer
        package var contentType: String
        /// A short hash of the content, for `?v=` and the ETag.
        package var version: String
    }

    /// The files by their path under `assets/`, such as `fonts/NotoSansArabic-Regular.woff2`.
    package private(set) var files: [String: Asset]

    /// The content types by file extension; files of other kinds are not served.
    static let contentTypes: [String: String] = [
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml",
        "woff2": "font/woff2",
        "txt": "text/plain; charset=utf-8",
        "png": "image/png",
    ]

    /// Reads every file of a known type under `folder`; in stylesheets, the addresses of the
    /// other files (`"/assets/fonts/…"`) get their version, so they are cached as long too.
    package init(folder: URL) throws {
        var files: [String: Asset] = [:]
        var stylesheets: [(String, String)] = []
        let root = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        for case let relative as String in enumerator {
            let ext = (relative as NSString).pathExtension.lowercased()
            guard let type = Self.contentTypes[ext] else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: root).appendingPathComponent(relative))
            if ext == "css", let text = String(data: data, encoding: .utf8) {
                stylesheets.append((relative, text))
                continue
            }
            files[relative] = Asset(bytes: ByteBuffer(bytes: data), contentType: type, version: Self.hash(data))
        }
        self.files = files
        for (name, text) in stylesheets {
            var rewritten = text
            for other in files.keys {
                rewritten = rewritten.replacingOccurrences(
                    of: "\"/assets/\(other)\"", with: "\"\(versionedPath(other))\"")
            }
            let data = Data(rewritten.utf8)
            self.files[name] = Asset(
                bytes: ByteBuffer(bytes: data), contentType: Self.contentTypes["css"] ?? "text/css",
                version: Self.hash(data))
        }
    }

    /// The address of a file with its version, such as `/assets/app.css?v=1a2b3c4d5e`.
    package func versionedPath(_ name: String) -> String {
        let base = "/assets/\(name)"
        return files[name].map { "\(base)?v=\($0.version)" } ?? base
    }

    /// The response for a file, or nil when there is no such file.
    package func response(for name: String, version: String?, ifNoneMatch: String?) -> Response? {
        guard let asset = files[name] else { return nil }
        let cache = version == asset.version ? "public, max-age=31536000, immutable" : "public, max-age=3600"
        return WebResponse.file(
            asset.bytes, contentType: asset.contentType, cacheControl: cache, etag: "\"\(asset.version)\"",
            ifNoneMatch: ifNoneMatch)
    }

    /// The FNV-1a 64-bit hash of the content, as 12 hexadecimal digits.
    static func hash(_ data: Data) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }
}
