import Foundation

/// The Markdown report of a run: one table, then each target of the issue met or missed.
struct Report {
    let rows: [Row]
    let inFlight: Int
    let workerConcurrency: Int
    let syncWorkerConcurrency: Int

    /// The table and the verdicts.
    var markdown: String {
        var lines = [
            "| case | payload | calls | calls/s | p50 µs | p99 µs |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in rows {
            lines.append(
                "| \(title(row.benchCase)) | \(sizeText(row.size)) | \(row.figures.calls) | "
                    + "\(Int(row.figures.callsPerSecond.rounded())) | \(Int(row.figures.p50.rounded())) | "
                    + "\(Int(row.figures.p99.rounded())) |")
        }
        lines.append("")
        lines += cpuTable
        lines.append("")
        lines += verdicts
        return lines.joined(separator: "\n")
    }

    /// CPU time per call of each role, user + kernel (system) in microseconds, and the
    /// kernel's share of the total: where a call's cost goes.
    private var cpuTable: [String] {
        var lines = [
            "| case | payload | client µs/call (user+sys) | broker | echo server | total | kernel share |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows where !row.figures.cpu.isEmpty {
            let calls = Double(max(1, row.figures.calls))
            func cell(_ role: Role) -> String {
                guard let time = row.figures.cpu[role] else { return "–" }
                return "\(Int((time.user * 1e6 / calls).rounded()))+\(Int((time.system * 1e6 / calls).rounded()))"
            }
            let total = row.figures.cpu.values.reduce(CPUTime.zero, +)
            let sum = total.user + total.system
            let share = sum > 0 ? Int((total.system / sum * 100).rounded()) : 0
            lines.append(
                "| \(title(row.benchCase)) | \(sizeText(row.size)) | \(cell(.client)) | \(cell(.broker)) | "
                    + "\(cell(.server)) | \(Int((sum * 1e6 / calls).rounded())) | \(share) % |")
        }
        return lines
    }

    private func title(_ benchCase: BenchCase) -> String {
        switch benchCase {
        case .raw: "raw libzmq REQ/REP, sync"
        case .sync: "bus, sync, 1 worker (K=\(syncWorkerConcurrency))"
        case .pipelined1: "bus, \(inFlight) in flight, 1 worker (K=\(workerConcurrency))"
        case .pipelined2: "bus, \(inFlight) in flight, 2 workers (K=\(workerConcurrency) each)"
        case .grpcSync: "gRPC unary, sync"
        case .grpcPipelined: "gRPC unary, \(inFlight) in flight"
        }
    }

    private func sizeText(_ size: Int) -> String {
        size >= 1024 && size % 1024 == 0 ? "\(size / 1024) KiB" : "\(size) B"
    }

    private func figures(_ benchCase: BenchCase, _ size: Int) -> Figures? {
        rows.first { $0.benchCase == benchCase && $0.size == size }?.figures
    }

    /// One line per target and payload size: the figures compared, and met or missed.
    private var verdicts: [String] {
        var lines: [String] = []
        for size in Array(Set(rows.map(\.size))).sorted() {
            let label = sizeText(size)
            if let raw = figures(.raw, size), let sync = figures(.sync, size) {
                let ratio = raw.callsPerSecond / sync.callsPerSecond
                lines.append(
                    "- \(label): a sync call through the broker takes \(fixed(ratio))× the raw round trip "
                        + "(mean; p50 \(fixed(sync.p50 / raw.p50))×); target ≤ 2×: \(verdict(ratio <= 2))")
            }
            for benchCase in [BenchCase.pipelined1, .pipelined2] {
                guard let bus = figures(benchCase, size) else { continue }
                lines.append(
                    "- \(label): \(title(benchCase)): \(Int(bus.callsPerSecond.rounded())) calls/s; "
                        + "target ≥ 20000: \(verdict(bus.callsPerSecond >= 20_000))")
            }
            let pairs: [(BenchCase, BenchCase)] = [
                (.sync, .grpcSync), (.pipelined1, .grpcPipelined), (.pipelined2, .grpcPipelined),
            ]
            for (bus, grpc) in pairs {
                guard let busFigures = figures(bus, size), let grpcFigures = figures(grpc, size) else { continue }
                let ratio = busFigures.callsPerSecond / grpcFigures.callsPerSecond
                lines.append(
                    "- \(label): \(title(bus)) makes \(fixed(ratio))× the calls/s of \(title(grpc)); "
                        + "target ahead of gRPC: \(verdict(ratio > 1))")
            }
        }
        return lines
    }

    private func verdict(_ met: Bool) -> String { met ? "met" : "**missed**" }

    /// A number with two decimals.
    private func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
