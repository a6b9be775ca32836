import Foundation

/// One real executable started by a system test, with its output in a log file so a failed
/// test can show what the process said.
final class RunningProcess: @unchecked Sendable {
    let name: String
    let process: Process
    let log: URL

    /// Starts `executable` with the arguments; output goes to `<folder>/<name>.log`.
    init(
        _ executable: String, _ arguments: [String], name: String? = nil, folder: URL,
        environment: [String: String] = [:]
    ) throws {
        self.name = name ?? executable
        self.log = folder.appendingPathComponent("\(self.name).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log.path])
        }
        let handle = try FileHandle(forWritingTo: log)
        process = Process()
        process.executableURL = Executables.url(executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["MIZ_LOG_LEVEL"] = "info"
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Sends a signal (SIGKILL, SIGSTOP, SIGCONT, SIGTERM).
    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Stops the process and waits for it: SIGTERM, then SIGKILL if it lingers.
    func stop() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGCONT)
        process.terminate()
        for _ in 0..<100 where process.isRunning {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning { signal(SIGKILL) }
        process.waitUntilExit()
    }

    /// What the process wrote so far, for failure messages.
    var output: String {
        (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }
}

/// A temporary folder for one test's data and logs, removed at the end.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("miz-system-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Waits until a condition holds; false when the limit passes first.
func waitUntil(_ limit: Duration = .seconds(30), _ condition: @Sendable () async throws -> Bool) async -> Bool {
    let end = ContinuousClock.now.advanced(by: limit)
    while ContinuousClock.now < end {
        if (try? await condition()) == true { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return false
}
