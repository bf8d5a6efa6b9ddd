"""The log in each CI's language, through the built binary: GitHub Actions workflow commands, outputs and step
summary; GitLab sections, colour and the dotenv report; plain lines; format selection and its errors.

The binary runs against the CloudFront stand-in on 127.0.0.1 with a clean environment (see conftest.run_cli);
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and dotenv files are temporary files read back after the run.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import STANDIN_DISTRIBUTION_ID as DIST

SECOND_DIST = "E2SECONDEXAMPLE"
ESCAPE = "\x1b"
COMMAND = re.compile(r"^\s*::")


def parse_github_output(text: str) -> dict[str, str]:
    """Read $GITHUB_OUTPUT the way the runner does: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks."""
    values: dict[str, str] = {}
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    index = 0
    while index < len(lines):  # bounded: every pass consumes at least one line
        line = lines[index]
        index += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            assert delimiter, f"empty heredoc delimiter in {line!r}"
            body = []
            while index < len(lines) and lines[index] != delimiter:
                body.append(lines[index])
                index += 1
            assert index < len(lines), f"heredoc for {name} is not closed by {delimiter!r}"
            index += 1
            values[name] = "\n".join(body)
        else:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def github_env(tmp_path, **extra: str) -> dict[str, str]:
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    output.write_text("earlier-step=kept\n")
    summary.write_text("# Earlier step\n")
    return {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary), **extra}


def assert_groups_balanced(stderr: str) -> None:
    """::group:: never nests: every group is closed before the next one opens."""
    depth = 0
    for line in stderr.splitlines():
        if line.startswith("::group::"):
            assert depth == 0, f"nested group at {line!r}"
            depth += 1
        elif line.startswith("::endgroup::"):
            assert depth == 1, "endgroup without group"
            depth -= 1
    assert depth == 0, "group left open"


def assert_stdout_has_no_commands(stdout: str) -> None:
    assert not any(COMMAND.match(line) for line in stdout.splitlines()), stdout
    assert ESCAPE not in stdout and "section_start" not in stdout


# ------------------------------------------------------------------------------------------ GitHub Actions


def test_github_success_outputs_summary_and_groups(run_cli, standin, tmp_path):
    env = github_env(tmp_path)
    result = run_cli(["-d", DIST, "/index.html", "/assets/*", "--wait"], env=env)
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert result.stdout.strip() == inv["id"]
    assert_stdout_has_no_commands(result.stdout)
    assert_groups_balanced(result.stderr)
    assert f"::group::distribution {DIST}: 2 paths, 2 billable" in result.stderr
    assert "::error" not in result.stderr

    text = (tmp_path / "github_output").read_text()
    assert text.startswith("earlier-step=kept\n"), "GITHUB_OUTPUT must be appended to, not replaced"
    outputs = parse_github_output(text)
    assert outputs["invalidation-id"] == inv["id"]
    assert outputs["invalidation-ids"] == inv["id"]
    assert outputs["status"] == "Completed"
    assert outputs["billable-paths"] == "2"
    assert re.search(r"^invalidation-ids<<ghadelimiter_[0-9a-f]{32}$", text, re.M), text

    summary = (tmp_path / "step_summary").read_text()
    assert summary.startswith("# Earlier step\n")
    assert "| Target | Invalidation | Paths | Status | Elapsed | Console |" in summary
    assert f"| distribution {DIST} | {inv['id']} | 2: /index.html, /assets/\\* | Completed |" in summary
    assert (f"https://us-east-1.console.aws.amazon.com/cloudfront/v4/home#/distributions/{DIST}"
            f"/invalidations/details/{inv['id']}") in summary


def test_github_multi_target_ids_are_multiline(run_cli, standin, tmp_path):
    standin.configure(distributions=[{"id": DIST}, {"id": SECOND_DIST}])
    result = run_cli(["-d", f"{DIST},{SECOND_DIST}", "/index.html"], env=github_env(tmp_path))
    assert result.code == 0, result.stderr
    ids = [inv["id"] for inv in standin.invalidations()]
    assert len(ids) == 2
    assert_groups_balanced(result.stderr)
    assert result.stderr.count("::group::") == 2
    outputs = parse_github_output((tmp_path / "github_output").read_text())
    assert sorted(outputs["invalidation-ids"].split("\n")) == sorted(ids)
    assert outputs["invalidation-id"] in ids
    assert outputs["status"] == "InProgress"  # created, not waited on
    summary = (tmp_path / "step_summary").read_text()
    for inv_id in ids:
        assert inv_id in summary


def test_github_failure_is_an_error_annotation(run_cli, standin, tmp_path):
    result = run_cli(["-d", "ENOSUCHDIST123", "/index.html"], env=github_env(tmp_path))
    assert result.code == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("::error ")]
    assert errors and errors[0].startswith("::error title=Invalidation failed%3A distribution ENOSUCHDIST123::")
    assert "NoSuchDistribution" in errors[0]
    outputs = parse_github_output((tmp_path / "github_output").read_text())
    assert outputs["status"] == "Failed" and outputs["invalidation-ids"] == ""


def test_github_timeout_is_an_annotation_and_in_progress(run_cli, standin, tmp_path):
    standin.configure(completion_delay_seconds=None)
    result = run_cli(["-d", DIST, "/index.html", "--wait", "--timeout", "2s"], env=github_env(tmp_path), timeout=90)
    assert result.code == 124, result.stderr
    (inv,) = standin.invalidations()
    assert any(line.startswith("::error title=Wait timed out::") and inv["id"] in line
               for line in result.stderr.splitlines()), result.stderr
    outputs = parse_github_output((tmp_path / "github_output").read_text())
    assert outputs["status"] == "InProgress" and outputs["invalidation-id"] == inv["id"]


def test_github_timeout_warn_is_a_warning(run_cli, standin, tmp_path):
    standin.configure(completion_delay_seconds=None)
    result = run_cli(["-d", DIST, "/index.html", "--wait", "--timeout", "2s", "--on-timeout", "warn"],
                     env=github_env(tmp_path), timeout=90)
    assert result.code == 0, result.stderr
    assert any(line.startswith("::warning title=Wait timed out::") for line in result.stderr.splitlines())


def test_github_refused_input_cannot_inject_commands(run_cli, standin, tmp_path):
    # A control character makes the path an error (exit 64); its text must not become a command of its own.
    result = run_cli(["-d", DIST, "/a\n::warning::injected\r::error::injected%0A"], env=github_env(tmp_path))
    assert result.code == 64, result.stderr
    assert standin.requests() == []
    for line in result.stderr.splitlines():
        assert not re.match(r"^\s*::(warning|error)::injected", line), result.stderr
        assert "##[" not in line


def test_github_json_keeps_stdout_a_single_document(run_cli, standin, tmp_path):
    result = run_cli(["-d", DIST, "/index.html", "--json"], env=github_env(tmp_path))
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["dry_run", "exit_code", "invalidations", "billable_paths", "planned_billable_paths"]
    assert_stdout_has_no_commands(result.stdout)


def test_log_format_plain_overrides_github_detection(run_cli, standin, tmp_path):
    env = github_env(tmp_path)
    result = run_cli(["--log-format", "plain", "-d", DIST, "/index.html"], env=env)
    assert result.code == 0, result.stderr
    assert not any(COMMAND.match(line) for line in result.stderr.splitlines()), result.stderr
    assert (tmp_path / "github_output").read_text() == "earlier-step=kept\n"


def test_log_format_github_from_the_environment(run_cli, standin, tmp_path):
    result = run_cli(["-d", DIST, "/index.html"], env={"CLOUDFRONT_LOG_FORMAT": "github"})
    assert result.code == 0, result.stderr
    assert "::group::" in result.stderr


@pytest.mark.parametrize("args, env, source", [
    (["--log-format", "xml"], {}, "--log-format"),
    ([], {"CLOUDFRONT_LOG_FORMAT": "jenkins"}, "CLOUDFRONT_LOG_FORMAT"),
])
def test_unknown_log_format_exits_64(run_cli, standin, args, env, source):
    result = run_cli([*args, "-d", DIST, "/index.html"], env=env)
    assert result.code == 64, result.stderr
    assert source in result.stderr and "auto, plain, github, gitlab" in result.stderr
    assert standin.requests() == []


# ------------------------------------------------------------------------------------------ GitLab CI


def test_gitlab_sections_colour_and_dotenv(run_cli, standin, tmp_path):
    dotenv = tmp_path / "deploy.env"
    result = run_cli(["-d", DIST, "/index.html", "--wait", "--dotenv", str(dotenv)],
                     env={"GITLAB_CI": "true", "NO_COLOR": None})
    assert result.code == 0, result.stderr
    (inv,) = standin.invalidations()
    assert result.stdout.strip() == inv["id"]
    assert_stdout_has_no_commands(result.stdout)
    start = re.search(r"\x1b\[0Ksection_start:(\d+):(\w+)\[collapsed=true\]\r\x1b\[0K", result.stderr)
    assert start, result.stderr
    assert "\x1b[0Ksection_end:" in result.stderr and f":{start.group(2)}\r\x1b[0K" in result.stderr
    assert "\x1b[32m" in result.stderr  # Completed in green: GitLab renders colour without a terminal
    assert dotenv.read_text() == (f"CLOUDFRONT_INVALIDATION_ID={inv['id']}\nCLOUDFRONT_INVALIDATION_IDS={inv['id']}\n"
                                  "CLOUDFRONT_INVALIDATION_STATUS=Completed\n")


def test_gitlab_no_color_and_dotenv_from_environment(run_cli, standin, tmp_path):
    standin.configure(distributions=[{"id": DIST}, {"id": SECOND_DIST}])
    dotenv = tmp_path / "ci.env"
    dotenv.write_text("STALE=1\n")
    result = run_cli(["-d", DIST, "-d", SECOND_DIST, "/index.html"],
                     env={"GITLAB_CI": "true", "CLOUDFRONT_DOTENV": str(dotenv)})
    assert result.code == 0, result.stderr
    colours = re.findall(r"\x1b\[[0-9;]*m", result.stderr)
    assert colours == [], "NO_COLOR=1 must turn colour off"
    lines = dotenv.read_text().splitlines()
    assert "STALE=1" not in lines, "the dotenv file describes this run only"
    values = dict(line.split("=", 1) for line in lines)
    assert set(values) == {"CLOUDFRONT_INVALIDATION_ID", "CLOUDFRONT_INVALIDATION_IDS",
                           "CLOUDFRONT_INVALIDATION_STATUS"}
    assert sorted(values["CLOUDFRONT_INVALIDATION_IDS"].split(",")) == sorted(i["id"] for i in standin.invalidations())
    assert all("\n" not in v and '"' not in v for v in values.values())


def test_gitlab_failure_writes_failed_status(run_cli, standin, tmp_path):
    dotenv = tmp_path / "deploy.env"
    result = run_cli(["-d", "ENOSUCHDIST123", "/index.html", "--dotenv", str(dotenv)], env={"GITLAB_CI": "true"})
    assert result.code == 1, result.stderr
    assert "error:" in result.stderr
    assert "CLOUDFRONT_INVALIDATION_STATUS=Failed\n" in dotenv.read_text()


# ------------------------------------------------------------------------------------------ plain


def test_plain_has_no_escape_codes_without_a_terminal(run_cli, standin):
    result = run_cli(["-d", DIST, "/index.html", "--wait"], env={"NO_COLOR": None, "TERM": "xterm-256color"})
    assert result.code == 0, result.stderr
    assert ESCAPE not in result.stderr and ESCAPE not in result.stdout
    assert f"distribution {DIST}: 1 path, 1 billable" in result.stderr
    assert not any(COMMAND.match(line) for line in result.stderr.splitlines())


def test_plain_quiet_shows_only_errors(run_cli, standin):
    ok = run_cli(["-q", "-d", DIST, "/index.html"])
    assert ok.code == 0 and ok.stderr == "", ok.stderr
    failed = run_cli(["-q", "-d", "ENOSUCHDIST123", "/index.html"])
    assert failed.code == 1
    assert failed.stderr.startswith("error: ") and "NoSuchDistribution" in failed.stderr


def test_plain_verbose_shows_retry_reasons(run_cli, standin):
    standin.add_fault("service_unavailable", "CreateInvalidation", count=1)
    normal = run_cli(["-d", DIST, "/index.html"], timeout=120)
    standin.add_fault("service_unavailable", "CreateInvalidation", count=1)
    verbose = run_cli(["-v", "-d", DIST, "/index.html"], timeout=120)
    assert normal.code == 0 and verbose.code == 0, normal.stderr + verbose.stderr
    normal_retries = [line for line in normal.stderr.splitlines() if line.startswith("retry:")]
    verbose_retries = [line for line in verbose.stderr.splitlines() if line.startswith("retry:")]
    assert normal_retries and verbose_retries
    assert "ServiceUnavailable" not in "\n".join(normal_retries)
    assert "503" in "\n".join(verbose_retries) or "ServiceUnavailable" in "\n".join(verbose_retries)


def test_github_pipeline_file_errors_are_annotated_on_the_file(run_cli, standin, tmp_path):
    """Issue 12: every pipeline-file problem is an ::error with file=, line= and col=, so a pull request shows it
    on the file; the file is named relative to the workspace."""
    workspace = tmp_path / "workspace"
    (workspace / "ci").mkdir(parents=True)
    config = workspace / "ci" / "invalidate.yml"
    config.write_text(f"targets:\n  - distribution_id: {DIST}\n    paths: ['/a']\n    timeout: soon\n    wiat: true\n")
    result = run_cli(["--config", str(config)], env=github_env(tmp_path, GITHUB_WORKSPACE=str(workspace)),
                     cwd=workspace)
    assert result.code == 64, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2, result.stderr
    assert errors[0].startswith("::error file=ci/invalidate.yml,line=4,col=14,title="), errors[0]
    assert errors[1].startswith("::error file=ci/invalidate.yml,line=5,col=5,title="), errors[1]
    assert "wiat" in errors[1]
    assert standin.state()["requests"] == []


def test_billable_paths_count_only_what_cloudfront_accepted(run_cli, standin, tmp_path):
    """Issue 12: a target CloudFront refused adds nothing to billable_paths; the plan's count is
    planned_billable_paths, in the JSON document, $GITHUB_OUTPUT, the step summary and the log alike."""
    env = github_env(tmp_path)
    result = run_cli(["-d", DIST, "-d", "ENOSUCHDIST123", "/a", "/b", "--json"], env=env)
    assert result.code == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["billable_paths"] == 2 and document["planned_billable_paths"] == 4, document
    outputs = parse_github_output((tmp_path / "github_output").read_text())
    assert outputs["billable-paths"] == "2" and outputs["planned-billable-paths"] == "4", outputs
    summary = (tmp_path / "step_summary").read_text()
    assert "2 billable paths accepted (4 planned)" in summary, summary
    assert "Billable paths: 2 paths accepted by CloudFront of 4 planned." in result.stderr


def test_nothing_created_bills_nothing(run_cli, standin, tmp_path):
    result = run_cli(["-d", "ENOSUCHDIST123", "/a", "--json"])
    assert result.code == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["invalidations"] == []
    assert document["billable_paths"] == 0 and document["planned_billable_paths"] == 1, document


def test_elapsed_after_a_wait_is_the_wait(run_cli, standin, tmp_path):
    """Issue 12: the time CloudFront took to accept the batch is not part of the wait."""
    slow = 6
    standin.configure(completion_delay_seconds=0.2)
    standin.add_fault("slow", "CreateInvalidation", count=1, seconds=slow)
    env = github_env(tmp_path)
    result = run_cli(["-d", DIST, "/index.html", "--wait", "--json"], env=env, timeout=120)
    assert result.code == 0, result.stderr
    (entry,) = json.loads(result.stdout)["invalidations"]
    assert entry["status"] == "Completed"
    assert 0 <= entry["elapsed_seconds"] < slow, entry
    summary = (tmp_path / "step_summary").read_text()
    row = next(line for line in summary.splitlines() if entry["id"] in line)
    elapsed_cell = row.split("|")[5].strip()
    assert elapsed_cell != "—" and int(elapsed_cell.rstrip("s")) < slow, row
