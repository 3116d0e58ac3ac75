// Wall and CPU time (getrusage: this process, all threads) since creation, printed as one line.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class BenchMeter {
    private let wallStart = Date()
    private let cpuStart = BenchMeter.cpuSeconds()

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(truncatingIfNeeded: RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    func print(_ counts: [String: Int]) {
        let wall = Date().timeIntervalSince(wallStart)
        let cpu = BenchMeter.cpuSeconds() - cpuStart
        let fields = counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        Swift.print((fields + [String(format: "wall=%.4f", wall), String(format: "cpu=%.4f", cpu)]).joined(separator: " "))
    }
}
