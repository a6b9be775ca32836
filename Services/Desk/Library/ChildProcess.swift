import Foundation
import Subprocess

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// How a child process ended.
package enum ChildExit: Sendable, Equatable, CustomStringConvertible {
    /// It exited with this status code.
    case exited(Int32)
    /// A signal killed it.
    case signaled(Int32)
    /// It could not be started at all; the text says why.
    case failedToStart(String)

    /// The ending in words, for progress lines.
    package var description: String {
        switch self {
        case .exited(let code): "exited with status \(code)"
        case .signaled(let signal): "killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")"
        case .failedToStart(let reason): "could not start: \(reason)"
        }
    }

    private static func signalName(_ signal: Int32) -> String? {
        switch signal {
        case SIGKILL: "SIGKILL"
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGSEGV: "SIGSEGV"
        case SIGABRT: "SIGABRT"
        case SIGILL: "SIGILL"
        case SIGTRAP: "SIGTRAP"
        case SIGBUS: "SIGBUS"
        default: nil
        }
    }
}

/// Runs one child process with swift-subprocess and waits for it to end.
package enum ChildProcess {
    /// Starts the plan's executable in a process group of its own (so a Ctrl-C in the
    /// terminal reaches only the desk, which then stops its children in order), with standard
    /// output and error appended to the plan's log file and standard input a pipe only the
    /// desk writes to; calls `started` with its pid, and returns when it has ended.
    ///
    /// Must not be called from a cancelled task: swift-subprocess kills the child on
    /// cancellation.
    package static func run(
        _ plan: LaunchPlan,
        started: @escaping @Sendable (Int32) async -> Void
    ) async -> ChildExit {
        guard FileManager.default.isExecutableFile(atPath: plan.executable.path) else {
            return .failedToStart("no executable at \(plan.executable.path) (see --bin)")
        }
        let log: FileDescriptor
        do {
            try FileManager.default.createDirectory(
                at: plan.logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            log = try FileDescriptor.open(
                FilePath(plan.logFile.path), .writeOnly, options: [.append, .create],
                permissions: [.ownerReadWrite, .groupRead])
        } catch {
            return .failedToStart("cannot open its log \(plan.logFile.path): \(error)")
        }
        // The desk keeps its own descriptor of the log until the child has ended, and closes
        // it itself whatever happened.
        defer { try? log.close() }
        // The child's standard input: a pipe whose write end only the desk holds (no other
        // child inherits it, see makeClosingPipe), closed here once the child has ended. Should the desk die, even by SIGKILL, the kernel closes it and the child,
        // started with --exit-when-stdin-closes, sees end of file and stops.
        guard let (childEnd, parentEnd) = makeClosingPipe() else {
            return .failedToStart("cannot make the pipe for its standard input: \(String(cString: strerror(errno)))")
        }
        defer { try? parentEnd.close() }
        var platform = PlatformOptions()
        platform.processGroupID = 0
        do {
            let result = try await Subprocess.run(
                .path(FilePath(plan.executable.path)),
                arguments: Arguments(plan.arguments),
                environment: .inherit,
                platformOptions: platform,
                input: .fileDescriptor(childEnd, closeAfterSpawningProcess: true),
                output: .fileDescriptor(log, closeAfterSpawningProcess: false),
                error: .combinedWithOutput
            ) { execution in
                await started(execution.processIdentifier.value)
            }
            switch result.terminationStatus {
            case .exited(let code): return .exited(code)
            case .signaled(let signal): return .signaled(signal)
            }
        } catch {
            return .failedToStart("\(error)")
        }
    }

    /// A pipe (read end, write end), both ends close-on-exec; nil on failure (errno). The flag
    /// is set just after pipe(2) (Glibc's module lacks pipe2), but no child can inherit an end
    /// in between: swift-subprocess spawns every child with all descriptors above 2 closed
    /// (posix_spawn's closefrom action), whatever their flags.
    private static func makeClosingPipe() -> (FileDescriptor, FileDescriptor)? {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends where fcntl(end, F_SETFD, FD_CLOEXEC) != 0 {
            let failure = errno
            close(ends[0])
            close(ends[1])
            errno = failure
            return nil
        }
        return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
    }
}
