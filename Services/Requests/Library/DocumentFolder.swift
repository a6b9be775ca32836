import Crypto
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Documents kept as files in a folder that every requests instance shares (a volume, an NFS
/// export), chosen with `--documents-folder`.
///
/// - A file's name is its SHA-256 in lowercase hex, in a subfolder named after its first two
///   characters (256 subfolders, so no folder holds millions of files); paths are made from
///   the checked hex digest alone, never from anything a user sent. Identical content is one
///   file, whichever requests refer to it.
/// - A file is written to a temporary name in its subfolder, flushed (`fsync`), renamed into
///   place and the subfolder flushed, so a file under a digest is always whole.
/// - Reusing a file sets its modification time to now: the sweep removes only files that no
///   row names and nobody kept within its age threshold, so a transaction about to refer to
///   a file never loses it.
/// - Files are 0600 and subfolders 0700: every instance must run as the same user.
///
/// The blocking file calls run on a queue of their own, off the concurrency pool.
package final class DocumentFolder: DocumentVault {
    /// The folder's path.
    package let path: String
    private let queue = DispatchQueue(label: "miz.requests.documents", attributes: .concurrent)

    /// Opens the folder at `path`, creating it (mode 0700) when missing.
    ///
    /// - Throws: `DocumentVaultError.unusable` when it is not a folder or a file cannot be made in it.
    package init(path: String) throws {
        guard !path.isEmpty else { throw DocumentVaultError.unusable("no documents folder given") }
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if mkdir(self.path, 0o700) != 0 && errno != EEXIST {
            throw DocumentVaultError.unusable("cannot create documents folder \(self.path): \(Self.reason())")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: self.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw DocumentVaultError.unusable("documents folder \(self.path) is not a folder")
        }
        let probe = "\(self.path)/.tmp-probe-\(UUID().uuidString.lowercased())"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DocumentVaultError.unusable("cannot write in documents folder \(self.path): \(Self.reason())")
        }
        close(descriptor)
        unlink(probe)
    }

    // MARK: - DocumentVault

    package func keep(_ content: Data, sha256: String) async throws {
        try await perform { try self.keepNow(content, sha256: sha256) }
    }

    package func content(sha256: String, size: Int) async throws -> Data {
        try await perform { try self.contentNow(sha256: sha256, size: size) }
    }

    package func files(keptBefore cutoff: Date) async throws -> [String] {
        try await perform {
            var found: [String] = []
            for prefix in try self.subfolders() {
                let folder = "\(self.path)/\(prefix)"
                for name in try self.entries(of: folder) where Self.isDigest(name) && name.hasPrefix(prefix) {
                    if let modified = Self.modificationTime("\(folder)/\(name)"), modified < cutoff {
                        found.append(name)
                    }
                }
            }
            return found
        }
    }

    package func remove(sha256: String, unlessKeptSince cutoff: Date) async throws -> Bool {
        try await perform {
            try Self.check(sha256)
            let folder = self.subfolder(of: sha256)
            let file = "\(folder)/\(sha256)"
            // Set aside first, then look at the time: a writer that reuses the file before the
            // rename leaves a recent time on it, and one that comes after finds no file and
            // writes it again, so a file someone is about to refer to is never deleted.
            let aside = "\(folder)/.sweep-\(sha256)-\(UUID().uuidString.lowercased())"
            guard rename(file, aside) == 0 else {
                if errno == ENOENT { return false }
                throw DocumentVaultError.unusable("cannot set aside \(file): \(Self.reason())")
            }
            guard let modified = Self.modificationTime(aside) else { return false }
            if modified >= cutoff {
                if rename(aside, file) != 0 && errno != ENOENT {
                    throw DocumentVaultError.unusable("cannot put back \(file): \(Self.reason())")
                }
                return false
            }
            return unlink(aside) == 0
        }
    }

    package func removeLeftovers(olderThan cutoff: Date) async throws -> Int {
        try await perform {
            var removed = 0
            for prefix in try self.subfolders() {
                let folder = "\(self.path)/\(prefix)"
                for name in try self.entries(of: folder) {
                    let entry = "\(folder)/\(name)"
                    if name.hasPrefix(".tmp-") {
                        if let modified = Self.modificationTime(entry), modified < cutoff, unlink(entry) == 0 {
                            removed += 1
                        }
                    } else if name.hasPrefix(".sweep-") {
                        // A sweep died after setting this aside: the file goes back unless a
                        // copy is in place again.
                        let digest = String(name.dropFirst(".sweep-".count).prefix(64))
                        guard Self.isDigest(digest) else { continue }
                        let file = "\(folder)/\(digest)"
                        if FileManager.default.fileExists(atPath: file) {
                            if unlink(entry) == 0 { removed += 1 }
                        } else {
                            _ = rename(entry, file)
                        }
                    }
                }
            }
            return removed
        }
    }

    // MARK: - Files

    private func keepNow(_ content: Data, sha256: String) throws {
        try Self.check(sha256)
        let actual = Self.digest(content)
        guard actual == sha256 else { throw DocumentVaultError.digestMismatch(expected: sha256, actual: actual) }
        let folder = try makeSubfolder(of: sha256)
        let file = "\(folder)/\(sha256)"
        // Mark as kept now before looking at it, so a sweep that starts later leaves it alone.
        if utimensat(AT_FDCWD, file, nil, 0) == 0 {
            if let existing = try Self.contents(of: file), existing.count == content.count,
                Self.digest(existing) == sha256
            {
                // Its writer may not have flushed the rename yet.
                try Self.synchronize(folder)
                return
            }
        } else if errno != ENOENT {
            throw DocumentVaultError.unusable("cannot reach \(file): \(Self.reason())")
        }
        try Self.place(content, as: file, in: folder)
    }

    private func contentNow(sha256: String, size: Int) throws -> Data {
        try Self.check(sha256)
        guard let data = try Self.contents(of: "\(subfolder(of: sha256))/\(sha256)") else {
            throw DocumentVaultError.missing(sha256: sha256)
        }
        let actual = Self.digest(data)
        guard data.count == size, actual == sha256 else {
            throw DocumentVaultError.damaged(sha256: sha256, size: data.count, actualSHA256: actual)
        }
        return data
    }

    private func subfolder(of sha256: String) -> String {
        "\(path)/\(sha256.prefix(2))"
    }

    private func makeSubfolder(of sha256: String) throws -> String {
        let folder = subfolder(of: sha256)
        if mkdir(folder, 0o700) == 0 {
            try Self.synchronize(path)
        } else if errno != EEXIST {
            throw DocumentVaultError.unusable("cannot create \(folder): \(Self.reason())")
        }
        return folder
    }

    /// The two-hex-character subfolders present.
    private func subfolders() throws -> [String] {
        try entries(of: path).filter { name in
            name.count == 2 && name.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }
    }

    private func entries(of folder: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw DocumentVaultError.unusable("cannot list \(folder): \(error)")
        }
    }

    /// Writes `content` whole under `file`: a temporary file in the same folder, flushed,
    /// renamed into place, and the folder flushed so that the new name survives a crash.
    private static func place(_ content: Data, as file: String, in folder: String) throws {
        let temporary = "\(folder)/.tmp-\(UUID().uuidString.lowercased())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DocumentVaultError.unusable("cannot create \(temporary): \(reason())") }
        var placed = false
        defer { if !placed { unlink(temporary) } }
        let written = content.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
        guard written, fsync(descriptor) == 0 else {
            let failure = reason()
            close(descriptor)
            throw DocumentVaultError.unusable("cannot write \(temporary): \(failure)")
        }
        guard close(descriptor) == 0 else {
            throw DocumentVaultError.unusable("cannot close \(temporary): \(reason())")
        }
        guard rename(temporary, file) == 0 else {
            throw DocumentVaultError.unusable("cannot rename \(temporary) to \(file): \(reason())")
        }
        placed = true
        try synchronize(folder)
    }

    /// Flushes a folder's entries (new names, renames) to storage.
    private static func synchronize(_ folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DocumentVaultError.unusable("cannot open \(folder): \(reason())") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw DocumentVaultError.unusable("cannot flush \(folder): \(reason())") }
    }

    /// The file's bytes, or nil when there is no such file.
    private static func contents(of file: String) throws -> Data? {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw DocumentVaultError.unusable("cannot open \(file): \(reason())")
        }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw DocumentVaultError.unusable("cannot read \(file): \(reason())")
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    private static func modificationTime(_ file: String) -> Date? {
        var info = stat()
        guard stat(file, &info) == 0 else { return nil }
        return Date(
            timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1_000_000_000)
    }

    private static func check(_ sha256: String) throws {
        guard isDigest(sha256) else { throw DocumentVaultError.invalidDigest }
    }

    /// Whether `name` is a SHA-256 in lowercase hex: the only names a document file has.
    private static func isDigest(_ name: String) -> Bool {
        name.utf8.count == 64 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private static func reason() -> String {
        String(cString: strerror(errno))
    }

    private func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
