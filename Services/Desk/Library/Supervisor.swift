import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the supervisor refused or failed.
package enum SupervisorError: Error, CustomStringConvertible {
    /// The desk is stopping and starts nothing more.
    case shuttingDown
    /// No free ops port was left from `--ops-base-port` up.
    case noFreePort(from: Int)
    /// A process did not become ready in time.
    case notReady(String, log: String)
    /// Instances a scale started did not become ready; each text says which and why.
    case notStarted([String])

    /// The failure in words, for the operator.
    package var description: String {
        switch self {
        case .shuttingDown: "the desk is stopping"
        case .noFreePort(let base): "no free TCP port from \(base) up for an ops server (see --ops-base-port)"
        case .notReady(let name, let log): "\(name) did not become ready; see its log \(log)"
        case .notStarted(let problems):
            problems.joined(separator: "\n")
                + "\n`desk status` shows the instances the desk is restarting; the others of the scale are running."
        }
    }
}

/// Starts, watches, restarts, scales and stops the desk's child processes.
///
/// Every instance has a keeper task that runs the child and awaits its end; a child that
/// ends unexpectedly is started again after a backoff (1 s doubling to 30 s, reset after a
/// 60 s run that had become ready). A child that is not ready within the readiness deadline
/// (`--ready-timeout`) is a failed start: it gets SIGKILL and is restarted like a crashed
/// one, so a start that hangs never holds a slot for good. Stopping sends SIGTERM, and
/// SIGKILL when the child has not ended within the grace period.
package actor Supervisor {
    /// The supervisor's waits.
    package struct Timing: Sendable {
        /// How often `/ready` is asked while a process starts.
        package var readyPollInterval: Duration = .milliseconds(200)
        /// How long a process may take to become ready before it counts as a failed start and
        /// is killed and restarted.
        package var readyDeadline: Duration = .seconds(60)
        /// How long a process has to end after SIGTERM before it gets SIGKILL.
        package var stopGrace: Duration = .seconds(10)
        /// The restart backoff each instance starts with.
        package var backoff = RestartBackoff()

        /// The desk's waits: 200 ms polls, 60 s to be ready, 10 s to stop.
        package init() {}
    }

    /// Where an instance's keeper is: starting a run, running, or waiting out the backoff.
    private enum Phase {
        case launching
        case running
        case waiting
    }

    /// One instance: its plan, its current run and who waits on it.
    private struct Slot {
        let id: Int
        let plan: LaunchPlan
        var backoff: RestartBackoff
        var phase: Phase = .launching
        var pid: Int32?
        var ready = false
        var restarts = 0
        /// Why the last run failed (ended, or missed its readiness deadline); nil once ready.
        var problem: String?
        /// Whether the current run was killed for missing its readiness deadline.
        var missedDeadline = false
        /// Runs in a row that missed their readiness deadline; each doubles the next run's.
        var deadlineMisses = 0
        var startedAt: Date?
        var launches = 0
        var retiring = false
        var keeper: Task<Void, Never>?
        var killTimer: Task<Void, Never>?
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
        var readyWaiters: [Int: CheckedContinuation<Bool, Never>] = [:]
    }

    private let options: DeskOptions
    private let timing: Timing
    private let console: Console
    private let http = LocalHTTPClient()
    private var slots: [Int: Slot] = [:]
    private var nextID = 1
    private var nextWaiterID = 1
    private var isShuttingDown = false

    /// A supervisor for the desk's options; it starts nothing yet.
    package init(options: DeskOptions, console: Console, timing: Timing = Timing()) {
        self.options = options
        self.console = console
        self.timing = timing
    }

    // MARK: Whole desk

    /// Starts the brokers (`--brokers`, one by default) and waits until they answer, then the
    /// gateway and one instance of each service, and waits until they are ready. Throws when a
    /// broker does not come up; a service that does not become ready is reported and left to
    /// its keeper.
    package func startAll() async throws(SupervisorError) {
        var brokers: [Int] = []
        for _ in 1...options.brokerCount {
            brokers.append(try launch(.broker))
        }
        for broker in brokers {
            guard await waitUntilReady(broker) else {
                if isShuttingDown { throw .shuttingDown }
                throw .notReady(
                    slots[broker]?.plan.instanceName ?? "broker", log: slots[broker]?.plan.logFile.path ?? "")
            }
        }
        var started: [Int] = []
        for kind in ProcessKind.allCases where kind != .broker {
            started.append(try launch(kind))
        }
        await withTaskGroup(of: Void.self) { group in
            for id in started {
                group.addTask { _ = await self.waitUntilReady(id) }
            }
        }
        if isShuttingDown { throw .shuttingDown }
    }

    /// Stops every child: SIGTERM to all but the broker, then to the broker once they have
    /// ended (so workers can say DISCONNECT); SIGKILL to any that outlives the grace period.
    package func shutdown() async {
        isShuttingDown = true
        let workers = slots.values.filter { $0.plan.kind != .broker }.map(\.id)
        let brokers = slots.values.filter { $0.plan.kind == .broker }.map(\.id)
        if !slots.isEmpty {
            console.progress("stopping \(slots.count) processes")
        }
        await retireAll(workers)
        await retireAll(brokers)
    }

    /// Changes the number of instances of services: starts new ones and waits until they are
    /// ready, stops surplus ones (the highest numbers first) and waits until they have ended.
    package func scale(_ request: ScaleRequest) async throws(SupervisorError) -> [ProcessEntry] {
        guard !isShuttingDown else { throw .shuttingDown }
        var started: [Int] = []
        var retired: [Int] = []
        for (kind, wanted) in request.counts.sorted(by: { $0.key < $1.key }) {
            let live = slots.values.filter { $0.plan.kind == kind && !$0.retiring }.sorted {
                $0.plan.index < $1.plan.index
            }
            guard wanted != live.count else { continue }
            console.progress("scale \(kind.rawValue): \(live.count) -> \(wanted)")
            if wanted > live.count {
                for _ in live.count..<wanted { started.append(try launch(kind)) }
            } else {
                retired += live.suffix(live.count - wanted).map(\.id)
            }
        }
        for id in retired { beginRetiring(id) }
        let notReady = await withTaskGroup(of: Int?.self) { group in
            for id in retired {
                group.addTask {
                    await self.waitUntilEnded(id)
                    return nil
                }
            }
            for id in started { group.addTask { await self.waitUntilReady(id) ? nil : id } }
            var failed: [Int] = []
            for await id in group { if let id { failed.append(id) } }
            return failed
        }
        let problems = notReady.sorted().compactMap { id -> String? in
            guard let slot = slots[id] else { return nil }
            let problem = slot.problem ?? "not ready within \(Self.seconds(readyDeadline(slot))) (--ready-timeout)"
            return "\(slot.plan.instanceName) did not start: \(problem); see \(logName(slot.plan))"
        }
        guard problems.isEmpty else { throw .notStarted(problems) }
        return await entries(refresh: false)
    }

    /// Every instance, in start order; with `refresh`, each running one is asked again
    /// whether it is ready.
    package func entries(refresh: Bool) async -> [ProcessEntry] {
        if refresh {
            let probes = slots.values.compactMap { slot in
                slot.pid == nil ? nil : (slot.id, slot.launches, slot.plan.opsPort, slot.plan.readinessPath)
            }
            let http = self.http
            let answers = await withTaskGroup(of: (Int, Int, Bool).self) { group in
                for (id, launch, port, path) in probes {
                    group.addTask { (id, launch, await http.isOK(port: port, path: path)) }
                }
                var collected: [(Int, Int, Bool)] = []
                for await answer in group { collected.append(answer) }
                return collected
            }
            for (id, launch, ready) in answers where slots[id]?.launches == launch && slots[id]?.pid != nil {
                slots[id]?.ready = ready
            }
        }
        return slots.values.sorted { ($0.plan.kind, $0.plan.index) < ($1.plan.kind, $1.plan.index) }.map(entry)
    }

    // MARK: One instance

    /// Starts an instance of a kind under the lowest free number, with the next free ops port,
    /// and returns its id.
    @discardableResult
    package func launch(_ kind: ProcessKind) throws(SupervisorError) -> Int {
        guard !isShuttingDown else { throw .shuttingDown }
        let used = Set(slots.values.filter { $0.plan.kind == kind }.map(\.plan.index))
        let index = (1...).first { !used.contains($0) } ?? 1
        let plan = LaunchPlan(kind: kind, index: index, opsPort: try allocatePort(), options: options)
        let id = nextID
        nextID += 1
        slots[id] = Slot(id: id, plan: plan, backoff: timing.backoff)
        slots[id]?.keeper = Task { await self.keep(id) }
        return id
    }

    /// Waits until the instance is ready (true), or a run of it has missed its readiness
    /// deadline, or it has ended for good (false).
    package func waitUntilReady(_ id: Int) async -> Bool {
        guard let slot = slots[id] else { return false }
        if slot.ready { return true }
        let waiter = nextWaiterID
        nextWaiterID += 1
        // The run's own deadline answers first (see watchReadiness); this one bounds the wait
        // when runs keep ending before theirs.
        let deadline = readyDeadline(slot) + .seconds(5)
        let timer = Task {
            do {
                try await Task.sleep(for: deadline)
            } catch {
                return
            }
            self.resolveReadyWaiter(id, waiter, false)
        }
        let ready = await withCheckedContinuation { continuation in
            slots[id]?.readyWaiters[waiter] = continuation
        }
        timer.cancel()
        return ready
    }

    /// Runs an instance until it is retired: start it, await its end, and start it again after
    /// the backoff when it ended unexpectedly.
    private func keep(_ id: Int) async {
        while let slot = slots[id], !slot.retiring, !isShuttingDown {
            slots[id]?.phase = .launching
            slots[id]?.launches += 1
            slots[id]?.missedDeadline = false
            let began = ContinuousClock.now
            let exit = await ChildProcess.run(slot.plan) { pid in
                await self.didStart(id, pid: pid)
            }
            let ranFor = ContinuousClock.now - began
            guard var ended = slots[id] else { return }
            // Only a run that became ready counts as healthy and resets the backoff: a run
            // killed for missing its readiness deadline is as failed as an early crash.
            let healthyFor = ended.ready ? ranFor : .zero
            ended.pid = nil
            ended.ready = false
            ended.startedAt = nil
            if ended.retiring || isShuttingDown {
                slots[id] = ended
                break
            }
            let delay = ended.backoff.delay(afterRunning: healthyFor)
            ended.phase = .waiting
            if !ended.missedDeadline { ended.problem = "\(exit)" }
            slots[id] = ended
            console.progress(
                "\(ended.plan.instanceName) \(exit); restarting in \(Self.seconds(delay)) (see \(logName(ended.plan)))")
            try? await Task.sleep(for: delay)
            guard let waited = slots[id], !waited.retiring, !isShuttingDown else { break }
            slots[id]?.restarts += 1
        }
        finish(id)
    }

    /// Records the pid of a run that has just started and starts watching for its readiness.
    private func didStart(_ id: Int, pid: Int32) {
        guard var slot = slots[id] else { return }
        slot.pid = pid
        slot.phase = .running
        slot.startedAt = Date()
        slots[id] = slot
        if slot.retiring || isShuttingDown {
            Self.signal(pid, SIGTERM)
            return
        }
        let launch = slot.launches
        Task { await self.watchReadiness(id, launch: launch) }
    }

    /// Asks the instance's ops port until it says ready, it ends, or the deadline passes; then
    /// the run is a failed start (see `missedReadiness`).
    private func watchReadiness(_ id: Int, launch: Int) async {
        let began = ContinuousClock.now
        guard let watched = slots[id] else { return }
        let allowed = readyDeadline(watched)
        let deadline = began.advanced(by: allowed)
        while let slot = slots[id], slot.launches == launch, slot.pid != nil, !slot.retiring {
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero {
                missedReadiness(id, launch: launch, after: ContinuousClock.now - began)
                return
            }
            // A probe never outlasts the deadline, so a port that accepts but never answers
            // cannot hold the verdict back.
            if await http.isOK(
                port: slot.plan.opsPort, path: slot.plan.readinessPath, timeout: min(.seconds(1), remaining))
            {
                markReady(id, launch: launch)
                return
            }
            try? await Task.sleep(for: min(timing.readyPollInterval, max(.zero, deadline - ContinuousClock.now)))
        }
    }

    /// A run that has not become ready within the deadline: tells the operator which instance,
    /// pid and wait, answers whoever waits on its readiness, and sends SIGKILL (to its process
    /// group); its keeper then restarts it under the backoff, as after a crash. SIGKILL, not
    /// SIGTERM: a process that cannot get ready may well not be able to stop either.
    private func missedReadiness(_ id: Int, launch: Int, after waited: Duration) {
        guard var slot = slots[id], slot.launches == launch, let pid = slot.pid, !slot.ready, !slot.retiring,
            !isShuttingDown
        else { return }
        let problem =
            "not ready within \(Self.seconds(readyDeadline(slot))) (--ready-timeout), killed (pid \(pid)) and restarted"
        slot.problem = problem
        slot.missedDeadline = true
        slot.deadlineMisses += 1
        let waiters = slot.readyWaiters
        slot.readyWaiters = [:]
        slots[id] = slot
        console.progress(
            "\(slot.plan.instanceName) (pid \(pid)) is not ready after \(Self.seconds(waited)): a failed start; sending SIGKILL; its next run gets \(Self.seconds(readyDeadline(slot))) (see \(logName(slot.plan)))"
        )
        Self.signal(pid, SIGKILL)
        for waiter in waiters.values { waiter.resume(returning: false) }
    }

    private func markReady(_ id: Int, launch: Int) {
        guard var slot = slots[id], slot.launches == launch, let pid = slot.pid else { return }
        slot.ready = true
        slot.problem = nil
        slot.deadlineMisses = 0
        let waiters = slot.readyWaiters
        slot.readyWaiters = [:]
        slots[id] = slot
        let again = slot.restarts > 0 ? " again after restart \(slot.restarts)" : ""
        let address: String =
            switch slot.plan.kind {
            case .broker, .gateway:
                ": "
                    + LaunchPlan.url(
                        of: slot.plan.kind, index: slot.plan.index, opsPort: slot.plan.opsPort, options: options)
            default: ""
            }
        console.progress("\(slot.plan.instanceName) ready\(again) (pid \(pid), ops :\(slot.plan.opsPort))\(address)")
        for waiter in waiters.values { waiter.resume(returning: true) }
    }

    private func resolveReadyWaiter(_ id: Int, _ waiter: Int, _ ready: Bool) {
        slots[id]?.readyWaiters.removeValue(forKey: waiter)?.resume(returning: ready)
    }

    /// Asks an instance to stop (SIGTERM now, SIGKILL after the grace period) without waiting.
    private func beginRetiring(_ id: Int) {
        guard var slot = slots[id], !slot.retiring else { return }
        slot.retiring = true
        if let pid = slot.pid {
            Self.signal(pid, SIGTERM)
        } else if slot.phase == .waiting {
            slot.keeper?.cancel()
        }
        let grace = timing.stopGrace
        slot.killTimer = Task {
            do {
                try await Task.sleep(for: grace)
            } catch {
                return
            }
            self.forceKill(id)
        }
        slots[id] = slot
    }

    private func forceKill(_ id: Int) {
        guard let slot = slots[id], let pid = slot.pid else { return }
        console.progress(
            "\(slot.plan.instanceName) did not stop within \(Self.seconds(timing.stopGrace)); sending SIGKILL")
        Self.signal(pid, SIGKILL)
    }

    private func waitUntilEnded(_ id: Int) async {
        guard slots[id] != nil else { return }
        await withCheckedContinuation { continuation in
            slots[id]?.exitWaiters.append(continuation)
        }
    }

    private func retireAll(_ ids: [Int]) async {
        for id in ids { beginRetiring(id) }
        await withTaskGroup(of: Void.self) { group in
            for id in ids { group.addTask { await self.waitUntilEnded(id) } }
        }
    }

    /// Forgets an instance that has ended for good and wakes whoever waits on it.
    private func finish(_ id: Int) {
        guard let slot = slots.removeValue(forKey: id) else { return }
        slot.killTimer?.cancel()
        if slot.retiring || isShuttingDown {
            console.progress("\(slot.plan.instanceName) stopped")
        }
        for waiter in slot.exitWaiters { waiter.resume() }
        for waiter in slot.readyWaiters.values { waiter.resume(returning: false) }
    }

    // MARK: Helpers

    /// The readiness deadline of an instance's current run: `--ready-timeout`, doubled for
    /// each run in a row that missed it, up to 8 times, so that a start that is merely slow
    /// (the first generation of the identity registry on a busy machine) gets there, while
    /// one that is stuck is still killed again and again.
    private func readyDeadline(_ slot: Slot) -> Duration {
        timing.readyDeadline * (1 << min(slot.deadlineMisses, 3))
    }

    /// The first port from `--ops-base-port` up that no instance holds, that is none of the
    /// desk's other ports, and that nothing listens on.
    private func allocatePort() throws(SupervisorError) -> Int {
        var taken = Set(slots.values.map(\.plan.opsPort))
        taken.formUnion(options.brokerPorts + [options.httpPort, options.deskPort])
        for port in options.opsBasePort...65535 where !taken.contains(port) && LocalSocket.isFree(port: port) {
            return port
        }
        throw .noFreePort(from: options.opsBasePort)
    }

    /// The log's path for messages: relative to the data folder, which `desk up` prints first.
    private func logName(_ plan: LaunchPlan) -> String {
        let data = options.dataFolder.path + "/"
        let path = plan.logFile.path
        return path.hasPrefix(data) ? String(path.dropFirst(data.count)) : path
    }

    private func entry(_ slot: Slot) -> ProcessEntry {
        let state: String =
            switch slot.phase {
            case _ where slot.retiring: "stopping"
            case .launching: "starting"
            case .running: slot.ready ? "running" : "starting"
            case .waiting: "restarting"
            }
        return ProcessEntry(
            name: slot.plan.kind.rawValue, instance: slot.plan.index, instanceName: slot.plan.instanceName,
            service: slot.plan.kind.busService, pid: slot.pid, opsPort: slot.plan.opsPort, ready: slot.ready,
            restarts: slot.restarts, problem: slot.problem, startedAt: slot.startedAt, state: state,
            url: LaunchPlan.url(
                of: slot.plan.kind, index: slot.plan.index, opsPort: slot.plan.opsPort, options: options))
    }

    /// Sends a signal to a child's process group (each child leads its own), so helpers it
    /// started get it too; to the child alone when the group is gone.
    private static func signal(_ pid: Int32, _ number: Int32) {
        if kill(-pid, number) != 0 {
            kill(pid, number)
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let value = duration.secondsValue
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
