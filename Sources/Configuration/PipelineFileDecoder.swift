import Paths

/// Turns a YAML tree into a ``PipelineFile``, interpolating `${VAR}` and collecting every problem with its
/// `file:line:column` (the caller fails once, with all of them).
struct PipelineFileDecoder {
    /// Keys a target or the top level may set.
    static let settingKeys = [
        "paths", "paths_file", "wait", "timeout", "on_timeout", "max_paths", "caller_reference", "encode",
        "from_s3_sync", "from_git", "site_dir", "from_dir", "manifest", "origin_path", "url_prefix", "index_document",
    ]
    /// Keys only the top level may set.
    static let topLevelOnlyKeys = ["targets", "log_format", "endpoint_url"]
    /// Keys only a target may set.
    static let targetOnlyKeys = ["distribution_id", "tenant_id", "tenants"]

    let name: String
    let environment: [String: String]
    /// Problems with where they are, in the order found.
    private var found: [(mark: YAMLMark, problem: ConfigurationError.Problem)] = []

    /// Every problem, in document order (top to bottom, left to right).
    var problems: [ConfigurationError.Problem] {
        found.enumerated().sorted { a, b in
            (a.element.mark.line, a.element.mark.column, a.offset) < (
                b.element.mark.line, b.element.mark.column, b.offset
            )
        }.map(\.element.problem)
    }

    init(name: String, environment: [String: String]) {
        self.name = name
        self.environment = environment
    }

    /// `file:line:column`.
    func location(_ mark: YAMLMark) -> String { "\(name):\(mark.line):\(mark.column)" }

    mutating func problem(_ mark: YAMLMark, _ message: String) {
        let position = FilePosition(file: name, line: mark.line, column: mark.column)
        found.append((mark, .init(location: location(mark), message: message, position: position)))
    }

    /// The file's settings; `problems` holds whatever was wrong.
    mutating func decode(_ root: YAMLNode?) -> PipelineFile {
        var file = PipelineFile(name: name)
        guard let root, !root.isNull else { return file }
        guard case .mapping(let entries) = root.kind else {
            problem(
                root.mark,
                "the file must be a mapping of settings (such as 'wait: true' and 'targets:'), not \(root.shapeName).")
            return file
        }
        var targetsNode: YAMLNode?
        for entry in entries {
            switch entry.key {
            case "targets": targetsNode = entry.value
            case "log_format":
                file.logFormat = choice(entry.value, "log_format", LogFormat.self)
            case "endpoint_url":
                if let url = string(entry.value, "endpoint_url") {
                    let lower = url.lowercased()
                    if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                        file.endpointURL = url
                    } else {
                        problem(
                            entry.value.mark,
                            "endpoint_url '\(url)' must start with http:// or https:// (for example "
                                + "http://127.0.0.1:4566).")
                    }
                }
            case let key where Self.settingKeys.contains(key):
                setting(key, entry.value, path: key, into: &file.defaults)
            case let key where Self.targetOnlyKeys.contains(key):
                problem(
                    entry.keyMark,
                    "'\(key)' belongs inside a target: write it under 'targets:' as '- \(key): …' (or pass it with "
                        + (key == "tenant_id" ? "--tenant-id)." : key == "tenants" ? "--tenants-of)." : "-d)."))
            default:
                unknownKey(entry, known: Self.topLevelOnlyKeys + Self.settingKeys)
            }
        }
        checkPaths(file.defaults, pathNode: entries.first { $0.key == "paths" }?.value, path: "paths")
        if let targetsNode { file.targets = targets(targetsNode, defaults: file.defaults) }
        return file
    }

    /// The `targets:` list.
    private mutating func targets(_ node: YAMLNode, defaults: FileSettings) -> [FileTarget] {
        guard case .sequence(let items) = node.kind else {
            if node.isNull {
                problem(
                    node.mark,
                    "targets is empty; list at least one target ('- distribution_id: E1234567890ABC'), or remove "
                        + "the key and give the distribution with -d.")
            } else {
                problem(node.mark, "targets must be a list ('- distribution_id: …' entries), not \(node.shapeName).")
            }
            return []
        }
        if items.isEmpty {
            problem(
                node.mark,
                "targets is empty; list at least one target ('- distribution_id: E1234567890ABC'), or remove the key "
                    + "and give the distribution with -d.")
        }
        var result: [FileTarget] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let target = target(item, index: index, defaults: defaults) else { continue }
            let id = target.tenantID ?? target.distributionID ?? target.tenants?.id ?? ""
            if let first = seen[id] {
                problem(
                    item.mark,
                    "targets[\(index)] names \(id) again (already targets[\(first)]); merge their paths into one "
                        + "target so one invalidation covers them.")
            } else if !id.isEmpty {
                seen[id] = index
            }
            result.append(target)
        }
        return result
    }

    /// One entry of `targets:`.
    private mutating func target(_ node: YAMLNode, index: Int, defaults: FileSettings) -> FileTarget? {
        let prefix = "targets[\(index)]"
        guard case .mapping(let entries) = node.kind else {
            problem(
                node.mark,
                "\(prefix) must be a mapping with distribution_id or tenant_id (and its settings), not "
                    + "\(node.shapeName).")
            return nil
        }
        var target = FileTarget(location: location(node.mark), index: index, distributionID: nil, tenantID: nil)
        for entry in entries {
            let path = "\(prefix).\(entry.key)"
            switch entry.key {
            case "distribution_id": target.distributionID = identifier(entry.value, path)
            case "tenant_id": target.tenantID = identifier(entry.value, path)
            case "tenants": target.tenants = tenantSelection(entry.value, path)
            case let key where Self.settingKeys.contains(key):
                setting(key, entry.value, path: path, into: &target.settings)
            case let key where Self.topLevelOnlyKeys.contains(key):
                problem(
                    entry.keyMark,
                    "'\(key)' can only be set at the top level of the file, where it applies to every target.")
            default:
                unknownKey(entry, known: Self.targetOnlyKeys + Self.settingKeys)
            }
        }
        let hasID = entries.contains { Self.targetOnlyKeys.contains($0.key) }
        if entries.contains(where: { $0.key == "tenants" })
            && entries.contains(where: { $0.key == "distribution_id" || $0.key == "tenant_id" })
        {
            problem(
                node.mark,
                "\(prefix) has 'tenants' beside distribution_id or tenant_id; a target invalidates either the "
                    + "tenants it selects or one distribution or tenant, so keep one of them.")
        }
        if !hasID {
            problem(
                node.mark,
                "\(prefix) has no distribution_id, tenant_id or tenants; add one (for example 'distribution_id: "
                    + "E1234567890ABC').")
        }
        checkPaths(
            target.settings, pathNode: entries.first { $0.key == "paths" }?.value, path: "\(prefix).paths",
            encodeDefault: defaults.encode)
        checkChangeList(target.settings.changeList.overriding(defaults.changeList), at: node.mark, prefix: prefix)
        return target
    }

    /// Decodes one setting into `settings`.
    private mutating func setting(_ key: String, _ node: YAMLNode, path: String, into settings: inout FileSettings) {
        switch key {
        case "paths":
            settings.paths = stringList(node, path)
            settings.pathsLocation = location(node.mark)
        case "paths_file":
            settings.pathsFile = string(node, path)
            settings.pathsFileLocation = location(node.mark)
        case "wait": settings.wait = bool(node, path)
        case "encode": settings.encode = bool(node, path)
        case "timeout": settings.timeoutSeconds = duration(node, path)
        case "on_timeout": settings.onTimeout = choice(node, path, TimeoutPolicy.self)
        case "max_paths": settings.maxPaths = positiveInteger(node, path)
        case "caller_reference":
            if let reference = string(node, path) {
                if let refusal = CallerReference.problem(with: reference) {
                    problem(node.mark, "\(path): \(refusal)")
                } else {
                    settings.callerReference = reference
                }
            }
        case "from_s3_sync": settings.changeList.fromS3Sync = string(node, path)
        case "from_git": settings.changeList.fromGit = string(node, path)
        case "site_dir": settings.changeList.siteDirectory = string(node, path)
        case "from_dir": settings.changeList.fromDirectory = string(node, path)
        case "manifest": settings.changeList.manifest = string(node, path)
        case "origin_path": settings.changeList.originPath = string(node, path)
        case "url_prefix": settings.changeList.urlPrefix = string(node, path)
        case "index_document":
            settings.changeList.indexDocument = node.isNull ? "" : string(node, path, allowEmpty: true)
        default: break
        }
    }

    /// Every path of a `paths:` list checked against CloudFront's rules, each problem at its own line.
    private mutating func checkPaths(
        _ settings: FileSettings, pathNode: YAMLNode?, path: String, encodeDefault: Bool? = nil
    ) {
        guard let pathNode, case .sequence(let items) = pathNode.kind else { return }
        let encode = settings.encode ?? encodeDefault ?? true
        for (index, item) in items.enumerated() {
            // Empty and unexpandable items were reported when the list was read.
            guard case .scalar(let raw, _) = item.kind, !item.isNull,
                case .success(let text) = Interpolation.expand(raw, environment: environment), !text.isEmpty
            else { continue }
            if case .failure(let error) = PathRules.normalize(text, encode: encode) {
                problem(item.mark, "\(path)[\(index)] '\(error.input)': \(error.message)")
            }
        }
    }

    /// A change list needs exactly one source and that source's companion setting.
    private mutating func checkChangeList(_ changeList: ChangeListSettings, at mark: YAMLMark, prefix: String) {
        let sources = changeList.sourceKeys
        if sources.count > 1 {
            problem(
                mark,
                "\(prefix) takes its paths from \(sources.joined(separator: " and ")); a target uses one change "
                    + "list, so keep one of them.")
        }
        if changeList.fromGit != nil && changeList.siteDirectory == nil {
            problem(
                mark, "\(prefix) uses from_git without site_dir; add site_dir: with the folder the site is built in.")
        }
        if changeList.fromDirectory != nil && changeList.manifest == nil {
            problem(
                mark, "\(prefix) uses from_dir without manifest; add manifest: with the file that keeps the hashes.")
        }
    }

    /// "unknown key" with a suggestion, or the list of keys that fit here.
    private mutating func unknownKey(_ entry: YAMLNode.Entry, known: [String]) {
        if let suggestion = KeySuggestion.nearest(to: entry.key, in: known) {
            problem(entry.keyMark, "unknown key '\(entry.key)'; did you mean '\(suggestion)'?")
        } else {
            problem(
                entry.keyMark,
                "unknown key '\(entry.key)'; the keys allowed here are \(known.sorted().joined(separator: ", ")).")
        }
    }
}
