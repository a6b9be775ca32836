import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stops the process when its parent is gone: the parent (the operator's `desk`) gives the
/// process a pipe on its standard input whose write end only the parent holds, so the pipe
/// reaches end of file when the parent ends in any way, even by SIGKILL. A process whose
/// supervisor is gone must not run on unsupervised, holding ports and database files.
///
/// As a service of the process's group (see `serviceGroup`), it returns on end of file and the
/// group shuts down gracefully, as on SIGTERM. The end of file is seen by a blocking read on
/// a thread of its own, not by a task on Swift's cooperative pool, so it is noticed even when
/// every pool thread is blocked; should the graceful shutdown not end the process within
/// `forcedExitAfter`, a dispatch timer ends it with `_exit`.
package final class ParentWatch: Service, Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<Bool, Never>)
        case closed
        case stopped
    }

    private let descriptor: Int32
    private let forcedExitAfter: Duration
    private let logger: Logger
    private let state = Mutex(State.idle)

    /// A watch of `descriptor` (standard input by default); `forcedExitAfter` bounds the
    /// graceful shutdown that end of file starts.
    package init(descriptor: Int32 = STDIN_FILENO, forcedExitAfter: Duration = .seconds(20), logger: Logger) {
        self.descriptor = descriptor
        self.forcedExitAfter = forcedExitAfter
        self.logger = logger
    }

    /// Waits for end of file on the descriptor (then returns, so the group shuts down) or for
    /// the group's graceful shutdown or cancellation (then stops watching and returns).
    package func run() async {
        let closed = await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let startNow = state.withLock { state in
                        guard case .idle = state else { return false }
                        state = .waiting(continuation)
                        return true
                    }
                    if startNow {
                        startWatching()
                    } else {
                        continuation.resume(returning: false)
                    }
                }
            } onCancel: {
                self.finish(closed: false)
            }
        } onGracefulShutdown: {
            self.finish(closed: false)
        }
        if closed {
            logger.notice(
                "standard input closed: the parent process is gone; stopping",
                metadata: ["miz.forced_exit_after_seconds": "\(forcedExitAfter.components.seconds)"])
        }
    }

    /// Reads the descriptor on a thread of its own until end of file: a blocking read, no
    /// polling, and independent of Swift's cooperative pool.
    private func startWatching() {
        let descriptor = self.descriptor
        let thread = Thread { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 512)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                // Bytes are ignored: the parent writes none; only the end of the stream counts.
                if count > 0 || (count < 0 && errno == EINTR) { continue }
                // End of file, or an error after which nothing more can come either.
                break
            }
            self?.finish(closed: true)
        }
        thread.name = "miz-parent-watch"
        thread.stackSize = 64 * 1024
        thread.start()
    }

    /// Ends the wait; on end of file, arms the forced exit. Only the first call counts. On a
    /// graceful shutdown the reading thread stays blocked until the process exits.
    private func finish(closed: Bool) {
        let waiter: CheckedContinuation<Bool, Never>? = state.withLock { state in
            switch state {
            case .idle:
                state = closed ? .closed : .stopped
                return nil
            case .waiting(let continuation):
                state = closed ? .closed : .stopped
                return continuation
            case .closed, .stopped:
                return nil
            }
        }
        guard let waiter else { return }
        if closed {
            let grace = forcedExitAfter
            let logger = self.logger
            DispatchQueue.global().asyncAfter(deadline: .now() + grace.dispatchInterval) {
                logger.critical(
                    "still running \(grace.components.seconds) s after the parent process ended; exiting now")
                _exit(EXIT_FAILURE)
            }
        }
        waiter.resume(returning: closed)
    }

    /// A service group that shuts down gracefully on SIGTERM or SIGINT and, with
    /// `exitWhenStdinCloses`, when standard input reaches end of file (see `ParentWatch`).
    package static func serviceGroup(
        services: [any Service], exitWhenStdinCloses: Bool, logger: Logger
    ) -> ServiceGroup {
        var configurations = services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
        if exitWhenStdinCloses {
            configurations.append(
                .init(
                    service: ParentWatch(logger: logger), successTerminationBehavior: .gracefullyShutdownGroup,
                    serviceName: "parent-watch"))
        }
        return ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: configurations, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    }
}

extension Duration {
    /// The duration as a dispatch interval, in milliseconds.
    fileprivate var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .milliseconds(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
