import Configuration
import Testing

@Suite("${VAR} interpolation")
struct InterpolationTests {
    static let environment = ["DIST": "E1EXAMPLE", "EMPTY": "", "SECTION": "docs", "DOLLAR": "a$b"]

    @Test(
        "Expansions",
        arguments: [
            ("${DIST}", "E1EXAMPLE"),
            ("/${SECTION}/*", "/docs/*"),
            ("${MISSING:-fallback}", "fallback"),
            ("${EMPTY:-fallback}", "fallback"),
            ("${EMPTY-fallback}", ""),
            ("${MISSING-fallback}", "fallback"),
            ("${DIST:-fallback}", "E1EXAMPLE"),
            ("${DIST:?never shown}", "E1EXAMPLE"),
            ("${EMPTY}", ""),
            ("$$", "$"),
            ("/price$$5", "/price$5"),
            ("$${DIST}", "${DIST}"),
            ("${DOLLAR}", "a$b"),
            ("cost: 5$", "cost: 5$"),
            ("$5 and $/", "$5 and $/"),
            ("${MISSING:-a:b-c}", "a:b-c"),
            ("${DIST}${SECTION}", "E1EXAMPLEdocs"),
            ("no variables", "no variables"),
        ])
    func expands(input: String, expected: String) throws {
        let result = Interpolation.expand(input, environment: Self.environment)
        #expect(try result.get() == expected)
    }

    @Test(
        "Failures name the variable and the fix",
        arguments: [
            ("${MISSING}", "MISSING", "is not set; set it, or write ${MISSING:-default}"),
            ("${MISSING:?ask the platform team}", "MISSING", "is not set: ask the platform team."),
            ("${EMPTY:?set it in CI}", "EMPTY", "is empty: set it in CI."),
            ("${MISSING?}", "MISSING", "is not set; set it."),
            ("$DIST", "DIST", "needs braces"),
            ("x/${DIST", nil, "is not closed"),
            ("${1ABC}", nil, "does not start with a variable name"),
            ("${}", nil, "does not start with a variable name"),
            ("${DIST:+alt}", "DIST", "is not a form this file understands"),
        ] as [(String, String?, String)])
    func fails(input: String, variable: String?, fragment: String) {
        guard case .failure(let failure) = Interpolation.expand(input, environment: Self.environment) else {
            Issue.record("\(input) should not expand")
            return
        }
        #expect(failure.variable == variable)
        #expect(failure.message.contains(fragment), "\(failure.message)")
    }

    @Test("An unset variable in a file names the variable, the key and file:line:column")
    func locatedFailure() {
        let text = "targets:\n  - distribution_id: ${PROD_DIST}\n    paths: [\"/\"]\n"
        let error = #expect(throws: ConfigurationError.self) {
            try PipelineFile.parse(Array(text.utf8), name: "ci.yml", environment: [:])
        }
        #expect(
            error?.description
                == "ci.yml:2:22: targets[0].distribution_id: the environment variable PROD_DIST is not set; set it, "
                + "or write ${PROD_DIST:-default} to give a default.")
    }

    @Test("Keys are not interpolated; values from the environment are not expanded again")
    func noSecondPass() throws {
        let text = "targets:\n  - distribution_id: ${DIST}\n    caller_reference: ${REF}\n    paths: [\"/\"]\n"
        let file = try PipelineFile.parse(
            Array(text.utf8), name: "ci.yml", environment: ["DIST": "E1", "REF": "${DIST}"])
        #expect(file.targets.first?.settings.callerReference == "${DIST}")
    }
}
