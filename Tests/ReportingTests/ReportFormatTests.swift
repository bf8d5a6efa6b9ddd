import Testing

@testable import Reporting

@Suite("Log format selection")
struct ReportFormatTests {
    @Test(
        "auto follows the CI markers",
        arguments: [
            ([:], ReportFormat.plain),
            (["GITHUB_ACTIONS": "true"], .github),
            (["GITLAB_CI": "true"], .gitlab),
            (["GITHUB_ACTIONS": "false", "GITLAB_CI": "true"], .gitlab),
            (["GITHUB_ACTIONS": ""], .plain),
            (["BUILDKITE": "true"], .plain),
            (["CIRCLECI": "true"], .plain),
            (["JENKINS_URL": "https://ci.example"], .plain),
            (["TF_BUILD": "True"], .plain),
            (["BITBUCKET_BUILD_NUMBER": "7"], .plain),
        ])
    func auto(_ environment: [String: String], _ expected: ReportFormat) {
        #expect(ReportFormat.auto.resolved(in: environment) == expected)
    }

    @Test("An explicit format wins over the CI markers", arguments: [ReportFormat.plain, .github, .gitlab])
    func explicit(_ format: ReportFormat) {
        #expect(format.resolved(in: ["GITHUB_ACTIONS": "true", "GITLAB_CI": "true"]) == format)
    }

    @Test("The flag beats CLOUDFRONT_LOG_FORMAT, which beats auto")
    func precedence() throws {
        #expect(try ReportFormat.choose(flag: "GitLab", environment: ["CLOUDFRONT_LOG_FORMAT": "github"]) == .gitlab)
        #expect(try ReportFormat.choose(flag: nil, environment: ["CLOUDFRONT_LOG_FORMAT": " plain "]) == .plain)
        #expect(try ReportFormat.choose(flag: nil, environment: ["CLOUDFRONT_LOG_FORMAT": ""]) == .auto)
        #expect(try ReportFormat.choose(flag: nil, environment: [:]) == .auto)
    }

    @Test("An unknown name is an error naming its source and the choices")
    func unknown() {
        #expect(throws: ReportFormatError(value: "jenkins", source: "CLOUDFRONT_LOG_FORMAT")) {
            try ReportFormat.choose(flag: nil, environment: ["CLOUDFRONT_LOG_FORMAT": "jenkins"])
        }
        let error = ReportFormatError(value: "xml", source: "--log-format")
        #expect(
            error.description
                == "--log-format is \"xml\", which is not a log format; use one of auto, plain, github, gitlab.")
    }

    @Test("The factory builds the reporter of the resolved format")
    func factory() {
        let output = RecordingOutput()
        #expect(output.reporter(.auto, environment: ["GITHUB_ACTIONS": "true"]) is GitHubReporter)
        #expect(output.reporter(.auto, environment: ["GITLAB_CI": "true"]) is GitLabReporter)
        #expect(output.reporter(.auto) is PlainReporter)
        #expect(output.reporter(.plain, environment: ["GITHUB_ACTIONS": "true"]) is PlainReporter)
    }

    @Test("--dotenv beats CLOUDFRONT_DOTENV; empty means none")
    func dotenvPath() {
        #expect(ReporterFactory.dotenvPath(flag: "a.env", environment: ["CLOUDFRONT_DOTENV": "b.env"]) == "a.env")
        #expect(ReporterFactory.dotenvPath(flag: nil, environment: ["CLOUDFRONT_DOTENV": "b.env"]) == "b.env")
        #expect(ReporterFactory.dotenvPath(flag: nil, environment: ["CLOUDFRONT_DOTENV": ""]) == nil)
    }
}
