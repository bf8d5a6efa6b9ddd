"""Integration tests of change lists (issue 7): the binary computes paths from what changed, against the stand-in."""

from __future__ import annotations

import json
import subprocess

from conftest import STANDIN_DISTRIBUTION_ID as DIST

SYNC_OUTPUT = (
    "upload: public/index.html to s3://my-site/index.html\n"
    "upload: public/docs/index.html to s3://my-site/docs/index.html\n"
    "upload: public/café/menu du jour.html to s3://my-site/café/menu du jour.html\n"
    "delete: s3://my-site/old.html\n"
)


def test_s3_sync_output_on_stdin_becomes_paths(run_cli, standin):
    result = run_cli(["-d", DIST, "--from-s3-sync", "-"], stdin=SYNC_OUTPUT)
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert sorted(inv["paths"]) == ["/", "/caf%C3%A9/menu%20du%20jour.html", "/docs/", "/docs/index.html",
                                    "/index.html", "/old.html"]
    assert "Changed objects: 4" in result.stderr


def test_an_empty_change_list_is_nothing_to_invalidate(run_cli, standin, tmp_path):
    empty = tmp_path / "sync.txt"
    empty.write_text("")
    result = run_cli(["-d", DIST, "--from-s3-sync", str(empty), "--json"])
    assert result.code == 0, result.stderr
    assert "othing to invalidate" in result.stderr
    document = json.loads(result.stdout)
    assert document["invalidations"] == [] and document["billable_paths"] == 0 and document["exit_code"] == 0
    assert standin.state()["requests"] == []


def test_manifest_is_rewritten_only_after_success(run_cli, standin, tmp_path):
    site = tmp_path / "site"
    (site / "css").mkdir(parents=True)
    (site / "index.html").write_text("v1")
    (site / "css" / "site.css").write_text("body{}")
    manifest = tmp_path / "manifest.sha256"

    first = run_cli(["-d", DIST, "--from-dir", str(site), "--manifest", str(manifest)])
    assert first.code == 0, first.stderr
    assert manifest.exists()

    (site / "index.html").write_text("v2")
    standin.add_fault("service_unavailable", "CreateInvalidation", count=None)
    failed = run_cli(["-d", DIST, "--from-dir", str(site), "--manifest", str(manifest)], timeout=180)
    assert failed.code == 69, failed.stderr
    before = manifest.read_text()

    standin.reset()
    retried = run_cli(["-d", DIST, "--from-dir", str(site), "--manifest", str(manifest)])
    assert retried.code == 0, retried.stderr
    (inv,) = standin.invalidations()
    assert sorted(inv["paths"]) == ["/", "/index.html"], "the failed run's changes are sent again"
    assert manifest.read_text() != before

    standin.reset()
    unchanged = run_cli(["-d", DIST, "--from-dir", str(site), "--manifest", str(manifest)])
    assert unchanged.code == 0 and standin.invalidations() == [], unchanged.stderr


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, timeout=30,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.com", "HOME": str(repo), "PATH": "/usr/bin:/bin"})


def test_from_git_range(run_cli, standin, tmp_path):
    repo = tmp_path / "repo"
    (repo / "public" / "blog").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "public" / "index.html").write_text("a")
    (repo / "public" / "blog" / "old-post.html").write_text("a")
    (repo / "README.md").write_text("outside the site")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "one")
    (repo / "public" / "index.html").write_text("b")
    _git(repo, "mv", "public/blog/old-post.html", "public/blog/new-post.html")
    (repo / "README.md").write_text("changed, but not part of the site")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "two")

    result = run_cli(["-d", DIST, "--from-git", "HEAD~1..HEAD", "--site-dir", "public"], cwd=repo)
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert sorted(inv["paths"]) == ["/", "/blog/new-post.html", "/blog/old-post.html", "/index.html"]


def test_bad_git_range_exits_64(run_cli, standin, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    result = run_cli(["-d", DIST, "--from-git", "nope..nada", "--site-dir", "public"], cwd=repo)
    assert result.code == 64, result.stderr
    assert standin.state()["requests"] == []


def test_max_paths_folds_and_keeps_coverage(run_cli, standin):
    lines = "".join(f"upload: public/assets/app-{n}.js to s3://my-site/assets/app-{n}.js\n" for n in range(40))
    lines += "upload: public/about.html to s3://my-site/about.html\n"
    result = run_cli(["-d", DIST, "--from-s3-sync", "-", "--max-paths", "2"], stdin=lines)
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert len(inv["paths"]) <= 2
    changed = [f"/assets/app-{n}.js" for n in range(40)] + ["/about.html"]
    for url in changed:
        assert any(url == p or (p.endswith("*") and url.startswith(p[:-1])) for p in inv["paths"]), url


def test_max_paths_on_a_plain_path_list(run_cli, standin):
    paths = [f"/img/{n}.png" for n in range(30)]
    result = run_cli(["-d", DIST, "--max-paths", "3", *paths])
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert len(inv["paths"]) <= 3
    assert all(any(u == p or (p.endswith("*") and u.startswith(p[:-1])) for p in inv["paths"]) for u in paths)


def test_change_list_beside_paths_is_a_usage_error(run_cli, standin):
    result = run_cli(["-d", DIST, "--from-s3-sync", "-", "/index.html"], stdin=SYNC_OUTPUT)
    assert result.code == 64, result.stderr
    assert standin.state()["requests"] == []


def test_folding_is_reported_once(run_cli, standin):
    """Issue 12: "Folded N URL paths into M" was printed twice (the plan's notices and its summary)."""
    sync = "".join(f"upload: public/docs/p{i}.html to s3://my-site/docs/p{i}.html\n" for i in range(30))
    result = run_cli(["-d", DIST, "--from-s3-sync", "-", "--max-paths", "2", "--dry-run"], stdin=sync)
    assert result.code == 0, result.stderr
    assert result.stderr.count("Folded 30 URL paths into") == 1, result.stderr
