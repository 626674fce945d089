import Foundation

/// The machine a report was made on: host name, CPU model and core count.
public struct ReportMachine: Hashable, Sendable {
    /// The host name.
    public var hostName: String
    /// The `model name` of `/proc/cpuinfo`, nil where that file is missing.
    public var cpuModel: String?
    /// Active processor cores.
    public var cores: Int

    /// Creates a description of a machine.
    public init(hostName: String, cpuModel: String?, cores: Int) {
        self.hostName = hostName
        self.cpuModel = cpuModel
        self.cores = cores
    }

    /// This machine, read from `ProcessInfo` and `/proc/cpuinfo`.
    public static func current() -> ReportMachine {
        let info = ProcessInfo.processInfo
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return ReportMachine(hostName: info.hostName, cpuModel: cpuModel(cpuinfo: cpuinfo), cores: info.activeProcessorCount)
    }

    /// The first `model name` value of `/proc/cpuinfo` text, trimmed.
    static func cpuModel(cpuinfo: String) -> String? {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("model name") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
