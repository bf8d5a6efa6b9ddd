/// Keeps the last credentials and fetches new ones shortly before they expire, so a wait that outlives a one-hour
/// session keeps signing with valid keys; concurrent callers share one refresh.
public actor CachingCredentialProvider: CredentialProvider {
    public nonisolated let sourceName: String
    let base: any CredentialProvider
    let now: @Sendable () -> Double
    /// Refresh this many seconds before expiry (the SDKs use 5–15 minutes).
    let refreshWindow: Double
    /// After a failed refresh, cached credentials are still used while they have at least this long left.
    let minimumRemaining: Double

    private var cached: ResolvedCredentials?
    private var refreshing: Task<Result<ResolvedCredentials, CredentialError>, Never>?

    public init(
        _ base: any CredentialProvider, now: @escaping @Sendable () -> Double, refreshWindow: Double = 600,
        minimumRemaining: Double = 60
    ) {
        self.base = base
        self.sourceName = base.sourceName
        self.now = now
        self.refreshWindow = refreshWindow
        self.minimumRemaining = minimumRemaining
    }

    public func resolve() async throws(CredentialError) -> ResolvedCredentials {
        let current = now()
        if let cached, Self.remaining(cached, at: current) > refreshWindow { return cached }
        let task: Task<Result<ResolvedCredentials, CredentialError>, Never>
        if let refreshing {
            task = refreshing
        } else {
            let base = self.base
            task = Task {
                do throws(CredentialError) {
                    return .success(try await base.resolve())
                } catch {
                    return .failure(error)
                }
            }
            refreshing = task
        }
        let result = await task.value
        refreshing = nil
        switch result {
        case .success(let fresh):
            cached = fresh
            return fresh
        case .failure(let error):
            // A failed refresh is not fatal while the keys we hold still work (botocore's advisory refresh).
            if let cached, Self.remaining(cached, at: now()) >= minimumRemaining { return cached }
            throw error
        }
    }

    /// Seconds of validity left; infinite for long-lived keys.
    static func remaining(_ credentials: ResolvedCredentials, at time: Double) -> Double {
        guard let expiration = credentials.expiration else { return .infinity }
        return expiration - time
    }
}
