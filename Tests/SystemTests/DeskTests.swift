import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `desk`, the operator's launcher, with the real executables: `desk up` runs the whole desk,
/// `desk scale`, `desk status` and `desk call` work on it from outside, and Ctrl-C stops it.
@Suite("desk launcher", .serialized)
struct DeskTests {
    @Test("desk up starts everything; scale to 3 catalogs; a killed catalog is restarted; SIGINT stops all")
    func upScaleRestartAndStop() async throws {
        let desk = try DeskUnderTest()
        defer { desk.cleanUp() }
        try desk.start()

        // Gateway and five services up: the gateway's health says so.
        let healthy = await deskWait(.seconds(90)) { await desk.isHealthy() }
        try #require(healthy, "no healthy /api/v1/health within 90 s\n\(desk.upOutput)")

        // Three catalog instances, 3 × 8 ready workers at the broker.
        let scaled = try await desk.run(["scale", "catalog=3"], timeout: .seconds(240))
        try #require(scaled.status == 0, "desk scale failed: \(scaled.output)\n\(desk.upOutput)")
        #expect(scaled.stdout.contains("catalog"))
        var lastStatus = ""
        let counted = await deskWait(.seconds(90)) {
            guard let status = try? await desk.run(["status"], timeout: .seconds(30)) else { return false }
            lastStatus = status.output
            guard status.status == 0, let row = DeskUnderTest.row(of: "catalog", in: status.stdout) else {
                return false
            }
            return row.count >= 3 && row[1] == "3" && row[2] == "24"
        }
        #expect(counted, "desk status never showed 3 catalog instances with 24 ready workers:\n\(lastStatus)")

        // SIGKILL one catalog: the desk restarts it (restarts 1) and is back to 3 instances.
        let before = try await desk.processes()
        let victim = try #require(before.first { $0.name == "catalog" && $0.pid != nil })
        let victimPID = try #require(victim.pid)
        kill(victimPID, SIGKILL)
        var lastProcesses: [DeskProcess] = []
        let restarted = await deskWait(.seconds(90)) {
            guard let now = try? await desk.processes() else { return false }
            lastProcesses = now
            let catalogs = now.filter { $0.name == "catalog" }
            guard let again = catalogs.first(where: { $0.instance == victim.instance }) else { return false }
            return again.restarts == 1 && again.pid != nil && again.pid != victimPID && again.ready
                && catalogs.filter { $0.pid != nil }.count == 3
        }
        #expect(restarted, "catalog-\(victim.instance) was not restarted: \(lastProcesses)\n\(desk.upOutput)")
        #expect(kill(victimPID, 0) != 0)
        #expect(desk.upOutput.contains("restarting in"), "no restart line:\n\(desk.upOutput)")

        // SIGINT (Ctrl-C): exit 0, and no child remains.
        let children = try await desk.processes().compactMap(\.pid)
        #expect(children.count == 9, "expected broker, gateway, 3 catalogs and 4 services: \(children)")
        let status = await desk.interrupt(timeout: .seconds(90))
        #expect(status == 0, "desk up did not exit 0 after SIGINT:\n\(desk.upOutput)")
        for pid in children {
            #expect(kill(pid, 0) != 0 && errno == ESRCH, "child \(pid) is still alive")
        }
        #expect(desk.upOutput.contains("all processes stopped"))
    }

    @Test("desk up --brokers 2: every service joins both; a killed broker leaves the desk serving")
    func twoBrokers() async throws {
        let desk = try DeskUnderTest()
        defer { desk.cleanUp() }
        try desk.start(["--brokers", "2"])
        let healthy = await deskWait(.seconds(90)) { await desk.isHealthy() }
        try #require(healthy, "no healthy /api/v1/health within 90 s\n\(desk.upOutput)")

        // Two broker tables, and at each broker the catalog's 8 ready workers.
        var lastStatus = ""
        let joinedBoth = await deskWait(.seconds(90)) {
            guard let status = try? await desk.run(["status"], timeout: .seconds(30)), status.status == 0 else {
                return false
            }
            lastStatus = status.stdout
            let rows = DeskUnderTest.rows(of: "catalog", in: status.stdout)
            return status.stdout.contains("broker-1 tcp://127.0.0.1:\(desk.brokerPort)")
                && status.stdout.contains("broker-2 tcp://127.0.0.1:\(desk.brokerPort + 1)")
                && rows.count == 2 && rows.allSatisfy { $0.count >= 3 && $0[2] == "8" }
        }
        #expect(joinedBoth, "desk status did not show both brokers with 8 catalog workers each:\n\(lastStatus)")

        // SIGKILL broker-1: the desk stays healthy through broker-2 and restarts broker-1.
        let brokers = try await desk.processes().filter { $0.name == "broker" }
        #expect(brokers.count == 2, "\(brokers)")
        let victim = try #require(brokers.first { $0.instance == 1 })
        let victimPID = try #require(victim.pid)
        kill(victimPID, SIGKILL)
        #expect(
            await deskWait(.seconds(5)) { await desk.isHealthy() },
            "the gateway lost its services when one of two brokers died")
        let restarted = await deskWait(.seconds(60)) {
            guard let now = try? await desk.processes() else { return false }
            return now.contains { $0.name == "broker" && $0.instance == 1 && $0.restarts == 1 && $0.ready }
        }
        #expect(restarted, "broker-1 was not restarted:\n\(desk.upOutput)")
        #expect(await deskWait(.seconds(30)) { await desk.isHealthy() })

        let children = try await desk.processes().compactMap(\.pid)
        #expect(children.count == 8, "expected 2 brokers, the gateway and 5 services: \(children)")
        let status = await desk.interrupt(timeout: .seconds(90))
        #expect(status == 0, "desk up did not exit 0 after SIGINT:\n\(desk.upOutput)")
        for pid in children {
            #expect(kill(pid, 0) != 0 && errno == ESRCH, "child \(pid) is still alive")
        }
    }

    @Test("desk up killed with SIGKILL: every child sees its standard input close and stops")
    func childrenStopWithTheDesk() async throws {
        let desk = try DeskUnderTest()
        defer { desk.cleanUp() }
        try desk.start()
        let healthy = await deskWait(.seconds(90)) { await desk.isHealthy() }
        try #require(healthy, "no healthy /api/v1/health within 90 s\n\(desk.upOutput)")
        let children = try await desk.processes().compactMap(\.pid)
        #expect(children.count == 7, "expected broker, gateway and 5 services: \(children)")
        // Whatever happens below, no child of this test outlives it.
        defer { for pid in children where !DeskUnderTest.isGone(pid) { kill(pid, SIGKILL) } }

        // Each child's standard input is a pipe of its own, and no child holds another's: a
        // write end leaked into a sibling would keep that sibling's pipe open after the desk.
        let stdins = children.map { DeskUnderTest.descriptorTargets(of: $0)[0] }
        #expect(stdins.allSatisfy { $0?.hasPrefix("pipe:") == true }, "\(stdins)")
        #expect(Set(stdins.compactMap { $0 }).count == children.count, "shared stdin pipes: \(stdins)")
        for (index, pid) in children.enumerated() {
            let held = Set(DeskUnderTest.descriptorTargets(of: pid).values)
            let others = Set(stdins.enumerated().filter { $0.offset != index }.compactMap(\.element))
            #expect(held.isDisjoint(with: others), "child \(pid) holds another child's stdin pipe: \(held)")
        }

        desk.killDesk()
        let gone = await deskWait(.seconds(60)) { children.allSatisfy(DeskUnderTest.isGone) }
        let left = children.filter { !DeskUnderTest.isGone($0) }
        #expect(gone, "children still running 60 s after the desk was killed: \(left)")
    }

    @Test("an instance that never becomes ready fails desk scale, is killed and restarted, and runs once it can")
    func readinessDeadline() async throws {
        let desk = try DeskUnderTest()
        defer { desk.cleanUp() }
        try desk.start(["--ready-timeout", "20"])
        let healthy = await deskWait(.seconds(90)) { await desk.isHealthy() }
        try #require(healthy, "no healthy /api/v1/health within 90 s\n\(desk.upOutput)")
        let broker = try #require(try await desk.processes().first { $0.name == "broker" }?.pid)

        // A stopped broker accepts TCP connections but never answers: a new catalog cannot
        // join the bus, so it never becomes ready, though it runs.
        kill(broker, SIGSTOP)
        let scaled: DeskUnderTest.Outcome
        do {
            defer { kill(broker, SIGCONT) }
            scaled = try await desk.run(["scale", "catalog=2"], timeout: .seconds(150))
        }
        #expect(scaled.status != 0, "desk scale succeeded with a catalog that never became ready: \(scaled.output)")
        #expect(
            scaled.stderr.contains("catalog-2 did not start: not ready within 20 s (--ready-timeout), killed (pid "),
            "\(scaled.output)")
        #expect(desk.upOutput.contains("is not ready after 20"), "\(desk.upOutput)")
        #expect(desk.upOutput.contains("a failed start; sending SIGKILL"), "\(desk.upOutput)")

        // With the broker answering again, a later run of catalog-2 joins: ready, restarted.
        var last: [DeskProcess] = []
        let recovered = await deskWait(.seconds(120)) {
            guard let now = try? await desk.processes() else { return false }
            last = now
            return now.contains { $0.name == "catalog" && $0.instance == 2 && $0.ready && $0.restarts >= 1 }
        }
        #expect(recovered, "catalog-2 did not recover: \(last)\n\(desk.upOutput)")
        let status = try await desk.run(["status"], timeout: .seconds(30))
        #expect(
            status.stdout.contains("catalog-2 (pid "),
            "desk status does not show the restarted catalog-2:\n\(status.output)")
        let stopped = await desk.interrupt(timeout: .seconds(90))
        #expect(stopped == 0, "\(desk.upOutput)")
    }

    @Test("desk call catalog.ping '{}' prints the reply; malformed input fails clearly")
    func callThroughTheBus() async throws {
        let desk = try DeskUnderTest()
        defer { desk.cleanUp() }

        // Without a running desk, or with bad input, the commands fail with a clear message.
        let notJSON = try await desk.run(["call", "catalog.ping", "not json"], timeout: .seconds(30))
        #expect(notJSON.status != 0)
        #expect(notJSON.stderr.contains("not valid JSON"), "\(notJSON.output)")
        let badCaller = try await desk.run(
            ["call", "catalog.ping", "{}", "--caller", "{\"kind\":\"wizard\"}"], timeout: .seconds(30))
        #expect(badCaller.status != 0)
        #expect(badCaller.stderr.contains("--caller"), "\(badCaller.output)")
        let noDesk = try await desk.run(["status"], timeout: .seconds(30))
        #expect(noDesk.status != 0)
        #expect(noDesk.stderr.contains("no desk is running"), "\(noDesk.output)")
        let gateway = try await desk.run(["scale", "gateway=2"], timeout: .seconds(30))
        #expect(gateway.status != 0)
        #expect(gateway.stderr.contains("not scalable"), "\(gateway.output)")
        let tooMany = try await desk.run(["scale", "catalog=17"], timeout: .seconds(30))
        #expect(tooMany.status != 0)
        #expect(tooMany.stderr.contains("0 to 16"), "\(tooMany.output)")

        try desk.start()
        var last = ""
        let answered = await deskWait(.seconds(90)) {
            guard let call = try? await desk.run(["call", "catalog.ping", "{}"], timeout: .seconds(30)) else {
                return false
            }
            last = call.output
            guard call.status == 0,
                let object = try? JSONSerialization.jsonObject(with: Data(call.stdout.utf8)) as? [String: Any]
            else { return false }
            return object["service"] as? String == "catalog" && object["instanceId"] as? String == "catalog-1"
        }
        #expect(answered, "desk call catalog.ping never printed a catalog reply; last:\n\(last)\n\(desk.upOutput)")
        let status = await desk.interrupt(timeout: .seconds(90))
        #expect(status == 0, "\(desk.upOutput)")
    }

    @Test("desk admin create makes the first administrator, who logs in through the gateway; /dev/sms is on")
    func firstAdministrator() async throws {
        let desk = try DeskUnderTest()
        defer { desk.cleanUp() }
        try desk.start()
        let (created, last, password) = try await desk.createAdministrator()
        #expect(created, "desk admin create never succeeded; last:\n\(last)\n\(desk.upOutput)")
        #expect(last.contains("administrator admin created") && !last.contains("a long secret password"))
        let again = try await desk.run(
            ["admin", "create", "--username", "admin", "--password-file", password.path], timeout: .seconds(30))
        #expect(again.status != 0 && again.stderr.contains("conflict"), "\(again.output)")
        var login = URLRequest(
            url: try #require(URL(string: "http://127.0.0.1:\(desk.httpPort)/api/v1/auth/staff/login")))
        login.httpMethod = "POST"
        login.setValue("application/json", forHTTPHeaderField: "Content-Type")
        login.httpBody = Data(#"{"username":"admin","password":"a long secret password"}"#.utf8)
        let (body, response) = try await URLSession.shared.data(for: login)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: body, as: UTF8.self))")
        let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        let caller = object?["caller"] as? [String: Any]
        #expect(caller?["role"] as? String == "administrator")
        let inbox = try await URLSession.shared.data(
            from: try #require(URL(string: "http://127.0.0.1:\(desk.httpPort)/dev/sms")))
        #expect((inbox.1 as? HTTPURLResponse)?.statusCode == 200)
        let status = await desk.interrupt(timeout: .seconds(90))
        #expect(status == 0, "\(desk.upOutput)")
    }
}

/// One process of `GET /processes`, as the test reads it.
struct DeskProcess: Codable, Sendable, CustomStringConvertible {
    var name: String
    var instance: Int
    var pid: Int32?
    var opsPort: Int
    var ready: Bool
    var restarts: Int
    var state: String

    var description: String {
        "\(name)-\(instance)(pid \(pid.map(String.init) ?? "-"), \(state), restarts \(restarts))"
    }
}

/// A `desk up` on free ports with a fresh data folder, and the desk commands that talk to it.
final class DeskUnderTest: Sendable {
    /// What a finished command printed.
    struct Outcome: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    }

    let folder: URL
    /// Two consecutive ports: `--brokers 2` listens on this one and the next.
    let brokerPort = FreePort.block(of: 2)
    let httpPort = FreePort.next()
    let deskPort = FreePort.next()
    /// The desk gives its children ops ports upward from here: a block keeps other tests out.
    let opsBasePort = FreePort.block(of: 32)
    private let up = Mutex<Process?>(nil)
    private let session: URLSession

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("miz-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.connectionProxyDictionary = [:]
        session = URLSession(configuration: configuration)
    }

    /// The flags every desk command of this test gets.
    var commonFlags: [String] {
        [
            "--data", folder.appendingPathComponent("data").path, "--broker-port", String(brokerPort),
            "--http-port", String(httpPort), "--desk-port", String(deskPort), "--ops-base-port", String(opsBasePort),
            "--bin", Executables.folder.path,
        ]
    }

    private var upLog: URL { folder.appendingPathComponent("desk-up.log") }

    /// Starts `desk up` in the background, with extra flags such as `--brokers 2`.
    func start(_ extraFlags: [String] = []) throws {
        _ = FileManager.default.createFile(atPath: upLog.path, contents: nil)
        let handle = try FileHandle(forWritingTo: upLog)
        let process = Process()
        process.executableURL = Executables.url("desk")
        process.arguments = ["up"] + commonFlags + extraFlags
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        up.withLock { $0 = process }
    }

    /// What `desk up` printed so far.
    var upOutput: String { (try? String(contentsOf: upLog, encoding: .utf8)) ?? "" }

    /// Creates the administrator `admin` (password "a long secret password", in a file) with
    /// `desk admin create`, retrying while the desk is still starting; returns whether it
    /// worked, the last attempt's output and the password file.
    func createAdministrator() async throws -> (created: Bool, last: String, passwordFile: URL) {
        let password = folder.appendingPathComponent("admin-password")
        try Data("a long secret password\n".utf8).write(to: password)
        var last = ""
        let created = await deskWait(.seconds(120)) {
            guard
                let outcome = try? await self.run(
                    ["admin", "create", "--username", "admin", "--password-file", password.path], timeout: .seconds(30))
            else { return false }
            last = outcome.output
            return outcome.status == 0
        }
        return (created, last, password)
    }

    /// Runs `desk <arguments>` with this desk's flags and waits for it to end.
    func run(_ arguments: [String], timeout: Duration) async throws -> Outcome {
        let id = UUID().uuidString
        let out = folder.appendingPathComponent("cmd-\(id).out")
        let err = folder.appendingPathComponent("cmd-\(id).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = Executables.url("desk")
        // Flags after the subcommand's own arguments; `--` is not needed as they are options.
        process.arguments = arguments + commonFlags
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        let status = try await Self.runToEnd(process, timeout: timeout)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return Outcome(
            status: status,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Starts a process and awaits its end (SIGKILL when the timeout passes first).
    private static func runToEnd(_ process: Process, timeout: Duration) async throws -> Int32 {
        let ended = Mutex<CheckedContinuation<Int32, Never>?>(nil)
        let status = Mutex<Int32?>(nil)
        process.terminationHandler = { finished in
            let code = finished.terminationStatus
            let waiter = ended.withLock { waiter in
                defer { waiter = nil }
                status.withLock { $0 = code }
                return waiter
            }
            waiter?.resume(returning: code)
        }
        try process.run()
        let pid = process.processIdentifier
        let killer = Task {
            try await Task.sleep(for: timeout)
            kill(pid, SIGKILL)
        }
        defer { killer.cancel() }
        return await withCheckedContinuation { continuation in
            let already = ended.withLock { waiter -> Int32? in
                if let code = status.withLock({ $0 }) { return code }
                waiter = continuation
                return nil
            }
            if let already { continuation.resume(returning: already) }
        }
    }

    /// True when the gateway's health says ok and all five services are available.
    func isHealthy() async -> Bool {
        guard let url = URL(string: "http://127.0.0.1:\(httpPort)/api/v1/health"),
            let (data, response) = try? await session.data(for: URLRequest(url: url, timeoutInterval: 5)),
            (response as? HTTPURLResponse)?.statusCode == 200,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["status"] as? String == "ok",
            let services = object["services"] as? [[String: Any]]
        else { return false }
        let available = Set(
            services.filter { $0["available"] as? Bool == true }.compactMap { $0["service"] as? String })
        return available.isSuperset(of: ["catalog", "requests", "identity", "feedback", "notifier"])
    }

    /// The desk's `GET /processes`.
    func processes() async throws -> [DeskProcess] {
        let url = try #require(URL(string: "http://127.0.0.1:\(deskPort)/processes"))
        let (data, _) = try await session.data(for: URLRequest(url: url, timeoutInterval: 10))
        return try JSONDecoder().decode([DeskProcess].self, from: data)
    }

    /// Sends SIGINT to `desk up` and returns its exit status, or nil when it did not end in time.
    func interrupt(timeout: Duration) async -> Int32? {
        guard let process = up.withLock({ $0 }) else { return nil }
        process.interrupt()
        let ended = await deskWait(timeout) { !process.isRunning }
        return ended ? process.terminationStatus : nil
    }

    /// Kills `desk up` with SIGKILL: it can neither stop its children nor say anything.
    func killDesk() {
        guard let process = up.withLock({ $0 }) else { return }
        kill(process.processIdentifier, SIGKILL)
    }

    /// True when the process has ended: no such process, or a zombie nobody has reaped yet
    /// (a killed desk's children are reaped by whoever adopts them).
    static func isGone(_ pid: Int32) -> Bool {
        if kill(pid, 0) != 0 && errno == ESRCH { return true }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// What each open descriptor of a process points at (`pipe:[1234]`, a path), by number.
    static func descriptorTargets(of pid: Int32) -> [Int: String] {
        let folder = "/proc/\(pid)/fd"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var targets: [Int: String] = [:]
        for name in names {
            guard let number = Int(name),
                let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\(name)")
            else { continue }
            targets[number] = target
        }
        return targets
    }

    /// Stops whatever is left (a failed test's desk and its children) and removes the folder.
    func cleanUp() {
        if let process = up.withLock({ $0 }), process.isRunning {
            process.interrupt()
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && Date() < deadline { usleep(100_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// The cells of every table row whose first cell is `name`, one per table.
    static func rows(of name: String, in table: String) -> [[String]] {
        table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.first == name }
    }

    /// The cells of the table row whose first cell is `name`.
    static func row(of name: String, in table: String) -> [String]? {
        table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.first { $0.first == name }
    }
}

/// Waits until a condition holds, asking every half second; false when the limit passes.
func deskWait(_ limit: Duration, _ condition: () async -> Bool) async -> Bool {
    let end = ContinuousClock.now.advanced(by: limit)
    while ContinuousClock.now < end {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(500))
    }
    return false
}
