/// Placeholder entry point.
public enum CloudFrontInvalidate {
    public static func main() async {}
}
