import Foundation

/// Starts a named thread for a socket poll loop and lets Swift concurrency await its end.
enum BusThread {
    /// Runs `body` on a new thread; the returned task finishes when `body` returns.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) -> Task<Void, Never> {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let thread = Thread {
            body()
            continuation.finish()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
        return Task {
            for await _ in stream {}
        }
    }
}
