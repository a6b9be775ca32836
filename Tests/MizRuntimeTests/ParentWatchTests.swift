import Foundation
import Logging
import MizRuntime
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The watch that stops a desk's child when the desk is gone, on a pipe of the test's own.
@Suite("Parent watch")
struct ParentWatchTests {
    @Test("bytes on the pipe are ignored; closing its write end ends the watch")
    func endOfFileEndsTheWatch() async throws {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let watch = ParentWatch(
            descriptor: ends[0], forcedExitAfter: .seconds(3600), logger: Logger(label: "miz.test.parent-watch"))
        let finished = Task {
            await watch.run()
            return true
        }
        let bytes: [UInt8] = Array("not a signal\n".utf8)
        #expect(write(ends[1], bytes, bytes.count) == bytes.count)
        close(ends[1])
        // Bounded so that a watch that never notices fails the test instead of hanging it.
        let ended = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await finished.value }
            group.addTask {
                try? await Task.sleep(for: .seconds(60))
                return false
            }
            let first = await group.next() ?? false
            finished.cancel()
            group.cancelAll()
            return first
        }
        #expect(ended, "the watch did not end within 60 s of the write end closing")
    }
}
