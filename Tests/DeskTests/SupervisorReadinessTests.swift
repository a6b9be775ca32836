import ArgumentParser
import Desk
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The supervisor with a real child that never becomes ready: a `catalog` in a test folder
/// that is a shell script sleeping, so it never opens an ops port.
@Suite("Supervisor readiness deadline", .serialized)
struct SupervisorReadinessTests {
    @Test("a child not ready within the deadline is killed, reported by scale, and restarted like a crash")
    func missedDeadlineIsAFailedStart() async throws {
        let fixture = try SleepingChildren()
        defer { fixture.remove() }
        var timing = Supervisor.Timing()
        timing.readyDeadline = .seconds(1)
        timing.readyPollInterval = .milliseconds(100)
        timing.stopGrace = .seconds(5)
        timing.backoff = RestartBackoff(initial: .milliseconds(200), maximum: .milliseconds(400))
        let supervisor = Supervisor(options: try fixture.options(), console: Console(), timing: timing)

        // `desk scale catalog=1`: the answer names the instance and says why, and comes.
        let request = try ScaleRequest(arguments: ["catalog=1"])
        var report = ""
        do {
            let entries = try await supervisor.scale(request)
            Issue.record("scale reported success for a child that never became ready: \(entries)")
        } catch {
            report = error.description
        }
        #expect(
            report.contains("catalog-1 did not start: not ready within 1 s (--ready-timeout), killed (pid "),
            "\(report)")
        #expect(report.contains("logs/catalog-1.log"), "\(report)")
        let killedPID = try #require(Self.pid(in: report), "no pid in: \(report)")

        // The killed run is gone (the supervisor reaped it) and a new run has started, counted
        // as a restart, with the failure kept for `desk status`.
        var last: [ProcessEntry] = []
        let restarted = await eventually {
            last = await supervisor.entries(refresh: false)
            guard let entry = last.first(where: { $0.instanceName == "catalog-1" }) else { return false }
            return entry.restarts >= 1 && entry.pid != nil && entry.pid != killedPID
                && entry.problem?.contains("not ready within 1 s") == true
        }
        #expect(restarted, "catalog-1 was not restarted: \(last)")
        #expect(kill(killedPID, 0) != 0 && errno == ESRCH, "the child that missed its deadline still runs")
        #expect(DeskTables.troubles(last).first?.hasPrefix("catalog-1 (pid ") == true, "\(DeskTables.troubles(last))")

        let running = await supervisor.entries(refresh: false).compactMap(\.pid)
        await supervisor.shutdown()
        #expect(await supervisor.entries(refresh: false).isEmpty)
        for pid in running {
            #expect(kill(pid, 0) != 0 && errno == ESRCH, "child \(pid) outlived the shutdown")
        }
    }

    private static func pid(in text: String) -> Int32? {
        guard let range = text.range(of: "(pid ") else { return nil }
        return Int32(text[range.upperBound...].prefix { $0.isNumber })
    }
}

/// A folder of stand-in executables that sleep and never open a port, and a data folder.
struct SleepingChildren {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-desk-unit-\(UUID().uuidString)")
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for kind in ProcessKind.allCases {
            let script = bin.appendingPathComponent(kind.executable)
            try Data("#!/bin/sh\nexec sleep 600\n".utf8).write(to: script)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }
    }

    func options() throws -> DeskOptions {
        try DeskOptions.parse([
            "--bin", folder.appendingPathComponent("bin").path, "--data", folder.appendingPathComponent("data").path,
            "--ops-base-port", String(Int.random(in: 40_000..<50_000)),
        ])
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Asks until the condition holds, every 100 ms, for at most 30 s (a bound, not a timing check).
func eventually(_ condition: () async -> Bool) async -> Bool {
    let end = ContinuousClock.now.advanced(by: .seconds(30))
    while ContinuousClock.now < end {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return false
}
