internal import CYAML

/// The libyaml this binary runs with, for `--version --verbose` and bug reports.
public enum YAMLLibrary {
    /// libyaml's version, e.g. "0.2.5".
    public static var version: String { String(cString: yaml_get_version_string()) }
}
