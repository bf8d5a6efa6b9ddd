internal import CBuildInfo

/// What this binary is: the version from the git tag and the revision, as `scripts/build-static` stamped them.
///
/// A plain `swift build` (the developer route) has no stamp: its version is `dev`.
public enum BuildInfo {
    /// `X.Y.Z` from a `vX.Y.Z` tag, or `dev` for an untagged build.
    public static let version = String(cString: cfi_build_version())
    /// The short git revision, or empty when the build was not stamped.
    public static let revision = String(cString: cfi_build_revision())
    /// `static` for the release binary, `dynamic` for `swift build`.
    public static let linkage = String(cString: cfi_build_linkage())
    /// The swift-argument-parser version resolved for the build, or empty when not stamped.
    public static let argumentParserVersion = String(cString: cfi_build_argument_parser())

    /// What `--version` prints: `X.Y.Z (revision)` for a tagged build, `dev` for an untagged one.
    public static var versionLine: String { versionLine(version: version, revision: revision) }

    static func versionLine(version: String, revision: String) -> String {
        version == "dev" || revision.isEmpty ? version : "\(version) (\(revision))"
    }

    /// The Swift compiler that built this binary: stamped by the build script, else the language mode's floor.
    public static var swiftCompiler: String {
        let stamped = String(cString: cfi_build_swift())
        if !stamped.isEmpty { return stamped }
        #if compiler(>=6.3)
            return "6.3 or later"
        #elseif compiler(>=6.2)
            return "6.2"
        #elseif compiler(>=6.1)
            return "6.1"
        #else
            return "6.0"
        #endif
    }
}
