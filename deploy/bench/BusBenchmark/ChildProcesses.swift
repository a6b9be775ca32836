import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The processes the driver starts (broker, workers, echo servers), each recorded in a pid
/// file so that a later run can kill what an interrupted one left behind.
///
/// A stale broker keeps routing to dead workers and makes the figures lie (DESIGN.md), so
/// leftovers are killed with SIGKILL before a run and every child is killed after each case.
/// Only pids listed in the file whose command line is one of ours are ever signalled.
final class ChildProcesses {
    private let pidFile: URL
    private let logFolder: URL
    private var running: [(role: Role, process: Process)] = []

    /// Executable names that may be killed as leftovers.
    private static let ownNames = ["broker", "bus-benchmark", "grpc-echo-bench", "identity-verifier"]

    /// The lock file held for the life of this object: a second run at the same time would
    /// otherwise take the first one's children for leftovers and kill them.
    private let lock: Int32

    init(pidFile: URL, logFolder: URL) throws {
        self.pidFile = pidFile
        self.logFolder = logFolder
        try FileManager.default.createDirectory(at: logFolder, withIntermediateDirectories: true)
        let lockPath = logFolder.appendingPathComponent("run.lock").path
        lock = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            if lock >= 0 { close(lock) }
            throw BenchmarkError("another bus-benchmark run holds \(lockPath); wait for it to end")
        }
    }

    deinit { close(lock) }

    /// Kills (SIGKILL) the processes an earlier run recorded and left running.
    func killLeftovers() {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8) else { return }
        for pid in text.split(separator: "\n").compactMap({ pid_t($0) }) where Self.isOurs(pid) {
            kill(pid, SIGKILL)
            waitForExit(pid)
        }
        try? FileManager.default.removeItem(at: pidFile)
    }

    /// Starts a child whose standard output and error go to `<log folder>/<logName>.log`.
    @discardableResult
    func start(_ executable: URL, _ arguments: [String], role: Role, logName: String) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let logURL = logFolder.appendingPathComponent("\(logName).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        running.append((role, process))
        record(process.processIdentifier)
        return process
    }

    /// Runs a child to its end and returns what it printed on standard output; its standard
    /// error goes to `<log folder>/<logName>.log`.
    func output(of executable: URL, _ arguments: [String], logName: String) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        let logURL = logFolder.appendingPathComponent("\(logName).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = pipe
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        record(process.processIdentifier)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? log.close()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError(
                "\(executable.lastPathComponent) exited with \(process.terminationStatus); see \(logURL.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// True while every started child is still running (a child that died early, a broker
    /// that could not bind, say, would make the figures meaningless).
    var allRunning: Bool { running.allSatisfy(\.process.isRunning) }

    /// The running children and their roles, for CPU accounting.
    var pids: [(Role, pid_t)] { running.map { ($0.role, $0.process.processIdentifier) } }

    /// Kills every running child with SIGKILL and waits for each to end.
    func killAll() {
        for (_, process) in running where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        for (_, process) in running { waitForExit(process.processIdentifier) }
        running.removeAll()
        try? FileManager.default.removeItem(at: pidFile)
    }

    private func record(_ pid: pid_t) {
        let line = Data("\(pid)\n".utf8)
        if let handle = try? FileHandle(forWritingTo: pidFile) {
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: line)
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: pidFile.path, contents: line)
        }
    }

    /// Reaps a killed child, or, for a process that is not our child, waits until it is gone.
    private func waitForExit(_ pid: pid_t) {
        for _ in 0..<200 {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && kill(pid, 0) != 0) { return }
            usleep(10_000)
        }
    }

    /// True when the process exists and runs one of the benchmark's executables.
    private static func isOurs(_ pid: pid_t) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
            let first = data.split(separator: 0).first
        else { return false }
        let name = (String(decoding: first, as: UTF8.self) as NSString).lastPathComponent
        return ownNames.contains(name)
    }
}

/// TCP ports on 127.0.0.1.
enum LoopbackPort {
    /// True when nothing listens on the port: a socket can bind it.
    static func isFree(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// True when something accepts connections on the port.
    static func accepts(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = loopback(port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Waits until the port is free, for at most `timeout`; throws when it stays taken.
    static func requireFree(_ port: Int, timeout: Duration = .seconds(3)) async throws {
        let end = ContinuousClock.now.advanced(by: timeout)
        while !isFree(port) {
            guard ContinuousClock.now < end else {
                throw BenchmarkError("port \(port) is taken: a stale broker or server? (ss -ltnp 'sport = :\(port)')")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits until the port accepts connections, for at most `timeout`.
    static func waitUntilListening(_ port: Int, timeout: Duration = .seconds(10)) async throws {
        let end = ContinuousClock.now.advanced(by: timeout)
        while !accepts(port) {
            guard ContinuousClock.now < end else { throw BenchmarkError("nothing listens on port \(port)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// Why the benchmark could not measure a case.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
