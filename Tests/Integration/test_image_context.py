"""The image's build stage sees every source folder Package.swift names (issue 12, item 1).

SwiftPM checks every target's folder when it loads the package, even for `--product cloudfront-invalidate`, so a
target folder missing from the build stage fails the image build ("invalid custom path … for target …"). This test
reads the targets from `swift package dump-package`, finds the Dockerfile stage that runs `swift build` (whatever the
Dockerfile's shape: one stage or many, any base image), and checks that each target folder is both COPYed into that
stage and let through by `.dockerignore` (Docker's rules: last matching pattern wins, `!` re-includes, a pattern
matching a parent folder matches everything under it, `*` stays within one path segment, `**` spans any number).
No container engine is needed.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT

DUMP_TIMEOUT = 300
# SwiftPM's default folders per target type when the manifest names no `path:`.
DEFAULT_ROOTS = {"test": "Tests", "plugin": "Plugins"}


# ------------------------------------------------------------------------------------------- .dockerignore


def dockerignore_patterns(text: str) -> list[tuple[bool, re.Pattern[str]]]:
    """(exclusion?, compiled pattern) per line, as Docker's patternmatcher reads them: comments and blank lines
    dropped, a leading `!` negates, leading and trailing slashes and `./` are cleaned away."""
    patterns = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exclude = not line.startswith("!")
        if not exclude:
            line = line[1:].strip()
        line = line.strip("/")
        while line.startswith("./"):
            line = line[2:]
        if line:
            patterns.append((exclude, re.compile(glob_to_regex(line))))
    return patterns


def glob_to_regex(pattern: str) -> str:
    """Go's filepath.Match syntax plus `**`: `*` and `?` never cross `/`, `**/` spans zero or more folders."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**", index):
            index += 2
            if pattern.startswith("/", index):
                index += 1
                out.append("(?:.*/)?")
            else:
                out.append(".*")
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", index)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = pattern[index + 1:end].replace("\\", "\\\\")
                out.append("[" + ("^" + body[1:] if body.startswith("^") else body) + "]")
                index = end
        elif char == "\\" and index + 1 < len(pattern):
            index += 1
            out.append(re.escape(pattern[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return "^" + "".join(out) + "$"


def is_ignored(path: str, patterns: list[tuple[bool, re.Pattern[str]]]) -> bool:
    """Docker's MatchesOrParentMatches: each pattern is tried on the path and on each of its parent folders; the
    last pattern that matches decides."""
    parts = path.strip("/").split("/")
    prefixes = ["/".join(parts[:count]) for count in range(1, len(parts) + 1)]
    ignored = False
    for exclude, pattern in patterns:
        if any(pattern.match(prefix) for prefix in prefixes):
            ignored = exclude
    return ignored


@pytest.mark.parametrize("path, ignored", [
    ("Package.swift", False), ("README.md", True), ("Sources/Paths/PathRules.swift", False),
    ("Tests/Integration/conftest.py", True), ("Tests/PathsTests/PathRulesTests.swift", False),
    ("Sources/x/__pycache__/y.pyc", True), ("bench/bench_create.py", True), ("bench/fold-bench/main.swift", False),
])
def test_dockerignore_matcher_follows_dockers_rules(path, ignored):
    patterns = dockerignore_patterns("""
        # comment
        *
        !Package.swift
        !Sources/
        !Tests/
        Tests/Integration/
        **/__pycache__/
        !bench/fold-bench/
    """)
    assert is_ignored(path, patterns) is ignored


# ------------------------------------------------------------------------------------------- the Dockerfile


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs with `\\` continuations joined and comments dropped."""
    instructions = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, arguments = line.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    if pending:
        keyword, _, arguments = pending.strip().partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def runs_swift_build(command: str) -> bool:
    """A RUN that calls `swift build`, directly or through a script of the repository (scripts/build-static)."""
    if re.search(r"\bswift\s+build\b", command):
        return True
    for word in re.split(r"[\s;&|()]+", command):
        script = REPO_ROOT / word.lstrip("./")
        if word and script.is_file() and re.search(r"\bswift\s+build\b", script.read_text(errors="replace")):
            return True
    return False


def build_stage_copies(text: str) -> list[str]:
    """The context sources COPYed (or ADDed) into the stage whose RUN calls `swift build`: a stage inherits the
    copies of the stage it is built FROM."""
    stages: list[dict] = []
    for keyword, arguments in dockerfile_instructions(text):
        if keyword == "FROM":
            words = arguments.split()
            base = next((w for w in words if not w.startswith("--")), "")
            name = words[-1] if len(words) >= 3 and words[-2].upper() == "AS" else None
            parent = next((s for s in stages if s["name"] and s["name"] == base), None)
            stages.append({"name": name, "sources": list(parent["sources"]) if parent else [], "builds": False})
        elif not stages:
            continue
        elif keyword in ("COPY", "ADD"):
            words = shlex.split(arguments) if not arguments.startswith("[") else json.loads(arguments)
            if any(w.startswith("--from") for w in words):
                continue
            words = [w for w in words if not w.startswith("--")]
            stages[-1]["sources"].extend(context_path(source) for source in words[:-1])
        elif keyword == "RUN" and runs_swift_build(arguments):
            stages[-1]["builds"] = True
    building = [stage for stage in stages if stage["builds"]]
    assert building, "no Dockerfile stage runs `swift build`"
    return building[0]["sources"]


def context_path(source: str) -> str:
    """A COPY source relative to the build context: `./Sources/` → `Sources`, `.` → `.`."""
    while source.startswith("./"):
        source = source[2:]
    return source.strip("/") or "."


def is_copied(path: str, sources: list[str]) -> bool:
    for source in sources:
        source = source.rstrip("/")
        if source in (".", "") or path == source or path.startswith(source + "/"):
            return True
        if fnmatch.fnmatchcase(path, source):
            return True
    return False


def test_build_stage_detection_handles_multi_stage_files():
    dockerfile = """
        FROM swift:6.3 AS deps
        COPY Package.* ./
        FROM deps AS build
        COPY Sources ./Sources
        RUN swift build -c release \\
            --static-swift-stdlib
        FROM scratch
        COPY --from=build /out/x /x
        COPY docs /docs
    """
    sources = build_stage_copies(dockerfile)
    assert is_copied("Package.swift", sources) and is_copied("Sources/Paths", sources)
    assert not is_copied("bench/fold-bench", sources) and not is_copied("docs", sources)


# ------------------------------------------------------------------------------------------- the package


@pytest.fixture(scope="module")
def target_paths() -> dict[str, str]:
    """Each target's folder, relative to the package root, as SwiftPM resolves it."""
    result = subprocess.run(["swift", "package", "dump-package"], cwd=REPO_ROOT, capture_output=True, text=True,
                            timeout=DUMP_TIMEOUT)
    assert result.returncode == 0, result.stderr
    paths = {}
    for target in json.loads(result.stdout)["targets"]:
        path = target.get("path") or f"{DEFAULT_ROOTS.get(target['type'], 'Sources')}/{target['name']}"
        paths[target["name"]] = path.strip("/")
    assert "cloudfront-invalidate" in paths and "fold-bench" in paths, paths
    return paths


def tracked_files(folder: str) -> list[str]:
    result = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", folder],
                            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_every_target_folder_reaches_the_build_stage(target_paths):
    sources = build_stage_copies((REPO_ROOT / "Dockerfile").read_text())
    ignore_file = REPO_ROOT / ".dockerignore"
    patterns = dockerignore_patterns(ignore_file.read_text() if ignore_file.exists() else "")
    problems = []
    assert is_copied("Package.swift", sources) and not is_ignored("Package.swift", patterns)
    for name, path in sorted(target_paths.items()):
        if not (REPO_ROOT / path).is_dir():
            problems.append(f"{name}: {path} is not a folder in the repository")
            continue
        if not is_copied(path, sources):
            problems.append(f"{name}: {path} is not COPYed into the stage that runs swift build")
        files = tracked_files(path)
        ignored = [file for file in files if is_ignored(file, patterns)]
        if ignored or is_ignored(path, patterns):
            problems.append(f"{name}: .dockerignore keeps {ignored[:3] or [path]} out of the build context")
    assert not problems, "\n".join(problems)
