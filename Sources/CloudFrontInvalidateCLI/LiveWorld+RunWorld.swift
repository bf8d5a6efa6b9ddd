import ChangeLists
import Credentials
import InvalidationRuns
import Reporting
import Resilience
import Transport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The live world is what the application core runs against in the product: the real clock, sleeps, files, git,
/// network, stdout and signals.
extension LiveWorld: RunWorld {
    var clock: any MonotonicClock { monotonicClock }
    var sleeper: any Sleeper { TaskSleeper() }
    var random: any UnitRandomSource { SystemUnitRandom() }
    func epochSeconds() -> Double { Self.now() }
    func transport() -> any HTTPTransport { curlTransport() }

    func credentialProvider(settings: CredentialChainSettings, reporter: any Reporter) -> any CredentialProvider {
        credentialChain(settings: settings, reporter: reporter)
    }

    func readTextFile(_ path: String) throws -> String { try Self.readFile(path) }
    func readPaths(_ path: String) throws -> [String] { try PathsFileReader.paths(path) }
    func readFile(_ path: String, limit: Int) throws -> [UInt8] {
        try BoundedFileReader.contents(of: path, limit: limit)
    }
    func fileExists(_ path: String) -> Bool { BoundedFileReader.exists(path) }
    func directoryEntries(_ path: String) -> Set<String> { Self.directoryEntries(path) }
    var changeListFiles: any ChangeListFileSystem { LocalFileSystem() }
    var git: any GitRunner { ProcessGitRunner(environment: environment) }
    func writeResult(_ line: String) { StandardStreams.writeResult(line) }

    var interruption: Interruption? {
        guard let signals, let status = signals.exitStatus else { return nil }
        return Interruption(signalName: signals.signalName, status: status)
    }
}
