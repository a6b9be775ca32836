import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns signals (SIGINT and SIGTERM by default) into values to await, with dispatch signal sources: the signals'
/// default action (ending the process at once) is replaced while the watcher lives.
package final class SignalWatcher: Sendable {
    private let sources: Mutex<[any DispatchSourceSignal]>
    private let stream: AsyncStream<Int32>
    private let continuation: AsyncStream<Int32>.Continuation

    /// Starts watching the signals.
    package init(signals: [Int32] = [SIGINT, SIGTERM]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(4))
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        self.sources = Mutex(sources)
        self.stream = stream
        self.continuation = continuation
    }

    /// The next signal received, or nil when the waiting task is cancelled.
    package func next() async -> Int32? {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next()
    }

    /// Stops watching; the signals' default action is restored.
    package func stop() {
        let stopped = sources.withLock { sources in
            defer { sources = [] }
            return sources
        }
        for source in stopped {
            source.cancel()
            signal(Int32(source.handle), SIG_DFL)
        }
        continuation.finish()
    }

    /// The signal's name for messages: `SIGINT`.
    package static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
