internal import CExpat

/// The expat this binary runs with, for `--version --verbose` and bug reports.
public enum XMLParserLibrary {
    /// expat's version, e.g. "2.5.0" (expat says "expat_2.5.0").
    public static var version: String {
        let text = String(cString: XML_ExpatVersion())
        return text.hasPrefix("expat_") ? String(text.dropFirst("expat_".count)) : text
    }
}
