import ChangeLists
import Configuration
import Testing

@testable import InvalidationRuns

/// ChangeLists names no flag; the core words its problems with the command line's flags, as the CLI always printed.
@Suite("Change-list problems in the command line's words")
struct ChangeListPlanningTests {
    @Test("A setting becomes its flag, and the fix is spelled out with flags")
    func gitRange() {
        let error = ChangeListPlanning.configurationError(
            ChangeListError(.gitRange, message: "The range 'main' has no '..'.", fix: .giveCommitRange))
        #expect(error.problems.map(\.location) == ["--from-git"])
        #expect(
            error.problems.map(\.message) == [
                "The range 'main' has no '..'. Give two commits as 'A..B', for example --from-git "
                    + "\"${{ github.event.before }}..${{ github.sha }}\" or --from-git "
                    + "\"$CI_COMMIT_BEFORE_SHA..$CI_COMMIT_SHA\"."
            ])
    }

    @Test("A file keeps its name as the location; a problem without a fix keeps its sentence")
    func file() {
        let folder = ChangeListPlanning.configurationError(
            ChangeListError(
                input: "public", message: "The site directory 'public' does not exist or is not a directory.",
                fix: .nameSiteFolder))
        #expect(folder.problems.map(\.location) == ["public"])
        #expect(
            folder.problems.map(\.message) == [
                "The site directory 'public' does not exist or is not a directory. Give the folder your build writes "
                    + "the site to (for example --from-dir public)."
            ])
        let plain = ChangeListPlanning.configurationError(ChangeListError(input: "m.txt", message: "Line 2 is bad."))
        #expect(plain.problems.map(\.message) == ["Line 2 is bad."])
        let limit = ChangeListPlanning.configurationError(ChangeListError(.maxPaths, message: "Too small."))
        #expect(limit.problems.map(\.location) == ["--max-paths"])
    }
}
