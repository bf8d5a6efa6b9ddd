extension CredentialProviderChain {
    /// The SDKs' order: environment, web identity, native CI OIDC, shared files, container, instance metadata;
    /// wrapped in a cache that refreshes before expiry.
    public static func standard(settings: CredentialChainSettings, context: CredentialSourceContext)
        -> CachingCredentialProvider
    {
        let roleARN = CredentialChainSettings.pick(settings.roleARN, "AWS_ROLE_ARN", in: context.environment)
        let chain = CredentialProviderChain(
            providers: [
                EnvironmentCredentialProvider(environment: context.environment),
                WebIdentityCredentialProvider(context: context, roleARN: roleARN),
                CIOIDCCredentialProvider(context: context, settings: settings),
                SharedConfigCredentialProvider(context: context, settings: settings),
                ContainerCredentialProvider(context: context),
                InstanceMetadataCredentialProvider(context: context),
            ], secrets: context.secrets)
        return CachingCredentialProvider(chain, now: context.now)
    }
}
