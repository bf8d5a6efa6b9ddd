import Credentials

extension LiveWorld {
    /// The credential provider for this run.
    func credentialProvider(options: CredentialOptions) -> any CredentialProvider {
        EnvironmentCredentialProvider(environment: environment)
    }
}
