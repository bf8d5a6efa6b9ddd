/// Why no credentials could be had: each source tried, and what it said.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One source's outcome.
    public struct Attempt: Sendable, Equatable {
        public var source: String
        public var reason: String
        /// True when the source applied (its settings were present) but failed; false when it simply did not apply.
        public var applied: Bool

        public init(source: String, reason: String, applied: Bool) {
            self.source = source
            self.reason = reason
            self.applied = applied
        }
    }

    public var attempts: [Attempt]

    public init(attempts: [Attempt]) {
        self.attempts = attempts
    }

    public init(source: String, reason: String, applied: Bool) {
        self.attempts = [Attempt(source: source, reason: reason, applied: applied)]
    }

    public var description: String {
        let tried = attempts.map { "\($0.source): \($0.reason)" }.joined(separator: "; ")
        return "No usable AWS credentials (tried \(tried)). "
            + "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), "
            + "or use --dry-run to plan without credentials."
    }
}
