// fold-bench: measures planning and folding of change lists (see bench/README-fold.md).
//
//   fold-bench generate COUNT FILE   write COUNT lines of `aws s3 sync` output (a synthetic site, shuffled)
//   fold-bench plan FILE MAXPATHS    plan --from-s3-sync FILE with --max-paths MAXPATHS; print time and the plan
//   fold-bench paths COUNT FILE      write the same site's COUNT keys as a paths file (one URL path a line, shuffled)
//   fold-bench plan-paths FILE MAXPATHS   plan --paths-file FILE with --max-paths MAXPATHS (read, split, fold)
//   fold-bench realistic             compare our fold with '/*' and one path per file on a realistic site change
import ChangeLists
import Configuration
import Planning

/// A deterministic generator so every run measures the same input.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Never called: the benchmarked sources do not use git.
struct NoGit: GitRunner {
    func run(_ arguments: [String], in directory: String) throws -> [UInt8] { [] }
}

/// `count` keys shaped like a large static site: sections, sub-sections, pages, hashed assets, images.
func syntheticKeys(_ count: Int) -> [String] {
    var keys: [String] = []
    keys.reserveCapacity(count)
    let sections = ["docs", "blog", "products", "assets", "img", "api", "learn", "news"]
    var index = 0
    while keys.count < count {
        let section = sections[index % sections.count]
        let group = (index / sections.count) % 1_000
        let item = index / (sections.count * 1_000)
        switch section {
        case "assets": keys.append("assets/chunk-\(group)/app.\(String(item, radix: 16)).js")
        case "img": keys.append("img/\(group)/photo-\(item).jpg")
        default: keys.append("\(section)/\(group)/page-\(item)/index.html")
        }
        index += 1
    }
    return keys
}

/// Writes `count` shuffled `upload:` lines.
func generate(count: Int, file: String) throws {
    var keys = syntheticKeys(count)
    var random = SplitMix64(state: 42)
    keys.shuffle(using: &random)
    var text = ""
    text.reserveCapacity(count * 90)
    for key in keys { text += "upload: public/\(key) to s3://bench-site/\(key)\n" }
    try LocalFileSystem().writeAtomically(Array(text.utf8), to: file)
}

/// Writes `count` shuffled URL paths, one a line: the paths file of the same site.
func generatePaths(count: Int, file: String) throws {
    var keys = syntheticKeys(count)
    var random = SplitMix64(state: 42)
    keys.shuffle(using: &random)
    var text = ""
    text.reserveCapacity(count * 40)
    for key in keys { text += "/\(key)\n" }
    try LocalFileSystem().writeAtomically(Array(text.utf8), to: file)
}

/// Plans a paths file the way `--paths-file FILE --max-paths N` does: read it, split it into lines, fold.
func planPaths(file: String, maxPaths: Int) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let lines = PathsFile.parse(String(decoding: try LocalFileSystem().readFile(file), as: UTF8.self))
    var notices: [String] = []
    let folded = RunPlan.fold(lines, maxPaths: maxPaths, encode: true, notices: &notices)
    let elapsed = clock.now - start
    print("paths read: \(lines.count)")
    print("paths sent: \(folded.count), wildcards: \(folded.count { $0.hasSuffix("*") })")
    print("plan time: \(elapsed)")
    for notice in notices { print(notice) }
    for path in folded.prefix(20) { print("  \(path)") }
}

/// Plans FILE and prints the figures.
func plan(file: String, maxPaths: Int) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let plan = try ChangeListPlanner.plan(source: .s3SyncFile(file), maxPaths: maxPaths, git: NoGit())
    let elapsed = clock.now - start
    print("changed objects: \(plan.changedObjects.count)")
    print("URL paths: \(plan.urlPaths.count)")
    print("paths sent: \(plan.paths.count), wildcards: \(plan.wildcards.count)")
    print("fell back to /*: \(plan.fellBackToRoot)")
    print("plan time: \(elapsed)")
    for path in plan.paths.prefix(20) { print("  \(path)") }
}

/// A documentation site of about 20,000 objects and a release that touches one section and the hashed assets.
func realistic() throws {
    var listing: [String] = []
    for section in 0..<40 {
        for page in 0..<400 { listing.append("docs/section-\(section)/page-\(page)/index.html") }
        listing.append("docs/section-\(section)/index.html")
    }
    for image in 0..<3_000 { listing.append("img/figure-\(image).png") }
    for chunk in 0..<200 { listing.append("assets/chunk-\(chunk).v1.js") }
    listing += ["index.html", "404.html", "sitemap.xml", "robots.txt"]
    // The release: section 7 rewritten, 30 pages edited across sections, every asset chunk re-hashed, home page.
    var changed: [String] = []
    for page in 0..<400 { changed.append("docs/section-7/page-\(page)/index.html") }
    changed.append("docs/section-7/index.html")
    var random = SplitMix64(state: 7)
    for _ in 0..<30 {
        changed.append(
            "docs/section-\(Int.random(in: 0..<40, using: &random))/page-\(Int.random(in: 0..<400, using: &random))/index.html"
        )
    }
    var deployed = listing.filter { !$0.hasPrefix("assets/") }
    for chunk in 0..<200 {
        changed.append("assets/chunk-\(chunk).v1.js")  // deleted
        changed.append("assets/chunk-\(chunk).v2.js")  // added
        deployed.append("assets/chunk-\(chunk).v2.js")
    }
    changed += ["index.html", "sitemap.xml"]
    let source = ChangeSource.keys(changed, listing: deployed, name: "release")
    let exact = try ChangeListPlanner.plan(source: source, git: NoGit())
    print(
        "changed objects: \(exact.changedObjectCount), URL paths: \(exact.urlPathCount), site objects: \(deployed.count)"
    )
    print(
        "| --max-paths | strategy | billable paths | wildcards | unchanged objects evicted | cost if free paths used |")
    print("|---|---|---|---|---|---|")
    print(
        "| — | one path per file | \(exact.billablePaths) | 0 | 0 | \(InvalidationPricing.dollars(exact.costIfFreePathsUsed)) |"
    )
    // '/*' does not cover '/' itself (we never count on it), so the root fold is '/*' plus '/'.
    let root = try ChangeListPlanner.plan(source: source, maxPaths: 2, git: NoGit())
    print(
        "| — | \(root.paths.joined(separator: " + ")) | \(root.billablePaths) | 1 | \(root.evictedUnchanged ?? -1) "
            + "(every unchanged object) | \(InvalidationPricing.dollars(root.costIfFreePathsUsed)) |")
    for maxPaths in [100, 30, 15, 5] {
        let clock = ContinuousClock()
        let start = clock.now
        let folded = try ChangeListPlanner.plan(source: source, maxPaths: maxPaths, git: NoGit())
        let elapsed = clock.now - start
        print(
            "| \(maxPaths) | ours, \(folded.fellBackToRoot ? "fell back to /*" : "folded") in \(elapsed) | \(folded.billablePaths) | \(folded.wildcards.count) | "
                + "\(folded.evictedUnchanged ?? -1) | \(InvalidationPricing.dollars(folded.costIfFreePathsUsed)) |")
        if maxPaths == 30 { print("    " + folded.paths.filter { $0.hasSuffix("*") }.joined(separator: " ")) }
    }
}

let arguments = CommandLine.arguments
do {
    switch arguments.dropFirst().first {
    case "generate" where arguments.count == 4:
        try generate(count: Int(arguments[2]) ?? 1_000_000, file: arguments[3])
    case "plan" where arguments.count == 4:
        try plan(file: arguments[2], maxPaths: Int(arguments[3]) ?? 100)
    case "paths" where arguments.count == 4:
        try generatePaths(count: Int(arguments[2]) ?? 1_000_000, file: arguments[3])
    case "plan-paths" where arguments.count == 4:
        try planPaths(file: arguments[2], maxPaths: Int(arguments[3]) ?? 100)
    case "realistic":
        try realistic()
    default:
        print(
            "usage: fold-bench generate COUNT FILE | plan FILE MAXPATHS | paths COUNT FILE | plan-paths FILE MAXPATHS "
                + "| realistic")
    }
} catch {
    print("error: \(error)")
}
