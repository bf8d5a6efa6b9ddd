/// The profiles of the credentials and config files merged as the SDKs do: `[name]` in the credentials file,
/// `[profile name]` (or `[default]`) in the config file, credentials-file values winning.
public struct SharedProfiles: Sendable, Equatable {
    /// Profile name → key → value.
    public var profiles: [String: [String: String]]

    public init(credentials: SharedConfigFile, config: SharedConfigFile) {
        var profiles: [String: [String: String]] = [:]
        for (section, values) in config.sections {
            guard let name = Self.configProfileName(section) else { continue }
            profiles[name, default: [:]].merge(values) { _, new in new }
        }
        for (section, values) in credentials.sections {
            // In the credentials file the section is the whole name: `[profile x]` is a profile called "profile x".
            profiles[section, default: [:]].merge(values) { _, new in new }
        }
        self.profiles = profiles
    }

    /// `default` and `profile NAME` name profiles in the config file; other sections (`sso-session x`,
    /// `services x`, a bare `[x]`) do not.
    static func configProfileName(_ section: String) -> String? {
        if section == "default" { return "default" }
        let parts = section.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, parts[0] == "profile" else { return nil }
        return String(parts[1])
    }

    public subscript(name: String) -> [String: String]? { profiles[name] }
}
