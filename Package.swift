// swift-tools-version: 6.1
import PackageDescription

/// Every library target builds in Swift 6 language mode with complete strict concurrency (the tools-version default).
let package = Package(
    name: "cloudfront-invalidate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cloudfront-invalidate", targets: ["cloudfront-invalidate"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // One system-library module per C library of the design; each is imported by exactly one Swift wrapper.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        .systemLibrary(
            name: "CExpat", pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"]), .brew(["expat"])]),
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),

        // The contract's exit codes, their meanings and severities: the one table everything else reads.
        .target(name: "ExitCodes"),
        // Trimming the blanks around header values, XML text, CI variables and command output, scalar by scalar.
        .target(name: "TextTrimming"),
        // The version, revision and toolchain scripts/build-static stamps in; "dev" for a plain `swift build`.
        .target(name: "CBuildInfo"),

        // SHA-256 and HMAC over libcrypto.
        .target(name: "Hashing", dependencies: ["COpenSSL"]),
        // AWS Signature Version 4: pure, knows nothing of CloudFront or HTTP transport.
        .target(name: "SigV4", dependencies: ["Hashing"]),
        // A small XML tree reader over expat and an escaping writer.
        .target(name: "XML", dependencies: ["CExpat"]),
        // HTTP requests and responses, the transport seam, and the libcurl implementation.
        .target(name: "Transport", dependencies: ["CCurl", "TextTrimming"]),
        // Retry decisions, backoff with jitter, and time: the monotonic clock and the sleeper, side by side.
        .target(name: "Resilience", dependencies: ["Transport"]),
        // The one AWS request pipeline under every service client: sign, send, classify, retry, read error XML.
        .target(name: "AWSPipeline", dependencies: ["SigV4", "Transport", "Resilience", "XML", "TextTrimming"]),
        // Where AWS credentials come from (STS through the pipeline).
        .target(
            name: "Credentials",
            dependencies: ["AWSPipeline", "SigV4", "Transport", "XML", "Resilience", "TextTrimming"]),
        // The CloudFront API: request building, response decoding, the client over the pipeline.
        .target(
            name: "CloudFront",
            dependencies: [
                "AWSPipeline", "SigV4", "XML", "Transport", "Resilience", "Credentials", "Hashing", "TextTrimming",
            ]),
        // Waiting for invalidations to complete: the poll schedule and the polling loop.
        .target(name: "Waiting", dependencies: ["CloudFront", "Resilience"]),
        // Invalidating every tenant of a multi-tenant distribution: selection, sharding, fan-out, round-robin polls.
        .target(name: "TenantFanOut", dependencies: ["CloudFront", "Resilience", "Waiting", "Hashing"]),
        // CloudFront's path rules: validation, encoding, the shell-expansion guard, de-duplication and batching.
        // The vocabulary below both Configuration (which checks YAML paths at their line) and Planning.
        .target(name: "Paths"),
        // Reading change sources (aws s3 sync output, git diffs, directory manifests) into changed keys.
        .target(name: "ChangeLists", dependencies: ["Paths", "Hashing", "TextTrimming"]),
        // Flags, environment and YAML resolved into validated inputs.
        .target(name: "Configuration", dependencies: ["Paths", "CYAML", "Hashing", "TextTrimming"]),
        // Typed run events rendered for people and for each CI.
        .target(name: "Reporting", dependencies: ["CloudFront", "ExitCodes", "SigV4", "TextTrimming"]),
        // What a run will send: keys mapped to URL paths, encoded, folded into few paths, batched per target.
        .target(
            name: "Planning",
            dependencies: ["ChangeLists", "CloudFront", "Configuration", "ExitCodes", "Paths", "Reporting"]
        ),
        // The application core: a run from resolved flags to its outcome (plan, resolve names, create, wait, report),
        // against a world it is handed (environment, files, clock, sleeper, transport, credentials, output, signals).
        .target(
            name: "InvalidationRuns",
            dependencies: [
                "ChangeLists", "CloudFront", "Configuration", "Credentials", "ExitCodes", "Planning", "Reporting",
                "Resilience", "TenantFanOut", "Transport", "Waiting",
            ]),
        // Argument parsing, the live world, and mapping a run's outcome to the exit code: one adapter per command.
        .target(
            name: "CloudFrontInvalidateCLI",
            dependencies: [
                "CBuildInfo", "ChangeLists", "CloudFront", "Configuration", "Credentials", "ExitCodes", "Hashing",
                "InvalidationRuns", "Reporting", "Resilience", "TenantFanOut", "Transport", "XML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "cloudfront-invalidate", dependencies: ["CloudFrontInvalidateCLI"]),
        // Benchmark of change-list planning and folding (bench/README-fold.md); not part of the product.
        .executableTarget(
            name: "fold-bench", dependencies: ["ChangeLists", "Configuration", "Planning"], path: "bench/fold-bench"),

        // Test doubles shared by the test targets: fake transport, recording sleeper, fixed random, static credentials.
        .target(
            name: "TestSupport", dependencies: ["Credentials", "Resilience", "SigV4", "Transport"],
            path: "Tests/TestSupport"),
        .testTarget(name: "HashingTests", dependencies: ["Hashing"]),
        .testTarget(name: "TextTrimmingTests", dependencies: ["TextTrimming"]),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4", "Hashing"], resources: [.copy("Fixtures")]),
        .testTarget(name: "XMLTests", dependencies: ["XML"]),
        .testTarget(name: "ExitCodesTests", dependencies: ["ExitCodes"]),
        .testTarget(name: "PathsTests", dependencies: ["Paths"]),
        .testTarget(name: "ResilienceTests", dependencies: ["Resilience", "Transport", "TestSupport"]),
        .testTarget(
            name: "AWSPipelineTests",
            dependencies: ["AWSPipeline", "Resilience", "SigV4", "Transport", "TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "CCurl", "Resilience", "TestSupport"]),
        .testTarget(
            name: "CloudFrontTests",
            dependencies: ["CloudFront", "Credentials", "SigV4", "Transport", "Resilience", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "TenantFanOutTests", dependencies: ["TenantFanOut", "CloudFront", "Waiting", "TestSupport"]),
        .testTarget(name: "WaitingTests", dependencies: ["Waiting", "CloudFront", "Resilience", "TestSupport"]),
        .testTarget(
            name: "ReportingTests", dependencies: ["Reporting", "CloudFront", "ExitCodes"], resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "CredentialsTests",
            dependencies: ["AWSPipeline", "Credentials", "Resilience", "SigV4", "Transport", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ChangeListsTests", dependencies: ["ChangeLists"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PlanningTests", dependencies: ["Planning", "ChangeLists", "CloudFront", "Configuration", "Paths"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "InvalidationRunsTests",
            dependencies: [
                "InvalidationRuns", "ChangeLists", "CloudFront", "Configuration", "Credentials", "ExitCodes",
                "Planning", "Reporting", "Resilience", "SigV4", "TenantFanOut", "TestSupport", "Transport", "Waiting",
            ]),
        // The CLI's own pieces that are not adapters (the version report).
        .testTarget(name: "CLITests", dependencies: ["CloudFrontInvalidateCLI"]),
    ]
)
