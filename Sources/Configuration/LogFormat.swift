/// How the log is written: `auto` picks from the CI the run is in.
public enum LogFormat: String, Sendable, Equatable, CaseIterable {
    case auto
    case plain
    case github
    case gitlab
}
