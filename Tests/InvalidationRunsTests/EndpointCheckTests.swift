import Configuration
import Testing

@testable import InvalidationRuns

/// Issue 13 items 10 and 13: the endpoints are checked for every command, `validate` and `--dry-run` included.
@Suite("Endpoint checks")
struct EndpointCheckTests {
    @Test(
        "A CloudFront endpoint create would refuse is refused here too",
        arguments: ["ftp://x", "http://user:pw@127.0.0.1:5000", "http://cloudfront.amazonaws.com", "https://h/path"])
    func refusedCloudFront(url: String) {
        #expect(throws: ConfigurationError.self) { try EndpointCheck.check(endpointURL: url, environment: [:]) }
    }

    @Test("Plain HTTP to the STS of AWS is refused, from either variable")
    func refusedSTS() {
        for name in ["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"] {
            let error = #expect(throws: ConfigurationError.self) {
                try EndpointCheck.check(endpointURL: nil, environment: [name: "http://sts.us-east-1.amazonaws.com"])
            }
            #expect(error?.problems.map(\.location) == [name])
        }
    }

    @Test("Emulators: loopback is silent, other plain-HTTP hosts warn")
    func emulators() throws {
        let local = try EndpointCheck.check(
            endpointURL: "http://127.0.0.1:5000", environment: ["AWS_ENDPOINT_URL_STS": "http://localhost:5000"])
        #expect(local.warnings.isEmpty)
        let remote = try EndpointCheck.check(
            endpointURL: "http://localstack:4566", environment: ["AWS_ENDPOINT_URL_STS": "http://localstack:4566"])
        #expect(remote.warnings.count == 2)
        #expect(try EndpointCheck.check(endpointURL: nil, environment: [:]).cloudFront.baseURL.hasPrefix("https://"))
    }
}
