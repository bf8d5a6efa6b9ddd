"""Tenants at scale: --tenants-of/--tenants-in-group fan-out against the botocore-verifying stand-in.

No wall-clock assertions: each run is bounded by run_cli's timeout, outcomes are read from the stand-in's state
and the result document.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import STANDIN_DISTRIBUTION_ID as DIST

CREATE = "CreateInvalidationForDistributionTenant"


def make_tenants(count: int, **extra) -> list[dict]:
    """Tenants dt_00000…, odd ones under eu, every third tagged tier=gold."""
    return [{"id": f"dt_{i:05d}", "distribution_id": DIST,
             "domains": [f"t{i}.{'eu' if i % 2 else 'us'}.example.com"],
             "tags": {"tier": "gold" if i % 3 == 0 else "free"}, **extra} for i in range(count)]


def created_by_tenant(standin) -> Counter:
    return Counter(inv["tenant_id"] for inv in standin.invalidations() if inv.get("tenant_id"))


def ci_env(attempt: str = "1") -> dict[str, str]:
    return {"GITHUB_ACTIONS": "true", "GITHUB_RUN_ID": "777", "GITHUB_RUN_ATTEMPT": attempt, "GITHUB_JOB": "deploy",
            "CLOUDFRONT_LOG_FORMAT": "plain"}


def test_every_tenant_of_several_pages_is_invalidated_and_awaited(standin, run_cli):
    standin.configure(tenants=make_tenants(230), completion_delay_seconds=0)
    result = run_cli(["--tenants-of", DIST, "/index.html", "--wait", "--json"], timeout=120)
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    entries = document["invalidations"]
    assert len(entries) == 230
    assert {e["tenant_id"] for e in entries} == {f"dt_{i:05d}" for i in range(230)}
    assert all(e["status"] == "Completed" and e["id"] for e in entries)
    assert created_by_tenant(standin) == Counter({f"dt_{i:05d}": 1 for i in range(230)})
    listings = standin.requests("ListDistributionTenants")
    assert len(listings) == 3, "230 tenants at 100 a page"
    assert all(r["signature_ok"] for r in standin.requests())
    assert "230 selected" in result.stderr
    # Counts, not one line per tenant.
    assert len(result.stderr.splitlines()) < 20


def test_domain_and_tag_filters_narrow_the_selection(standin, run_cli):
    standin.configure(tenants=make_tenants(30), completion_delay_seconds=0)
    result = run_cli(["--tenants-of", DIST, "--tenant-domain", "*.EU.example.com", "--tenant-tag", "tier=gold",
                      "/index.html"])
    assert result.code == 0, result.stderr
    expected = {f"dt_{i:05d}" for i in range(30) if i % 2 == 1 and i % 3 == 0}
    assert set(created_by_tenant(standin)) == expected
    assert len(result.stdout.split()) == len(expected), "one invalidation ID a line on stdout"


def test_pipeline_file_selects_tenants_per_target(standin, run_cli, tmp_path):
    standin.configure(tenants=make_tenants(12), completion_delay_seconds=0)
    config = tmp_path / "pipeline.yml"
    config.write_text(f'targets:\n  - tenants: {{of: {DIST}, domain: "*.us.example.com"}}\n'
                      f'    paths: ["/app.js"]\n')
    result = run_cli(["--config", str(config)])
    assert result.code == 0, result.stderr
    assert set(created_by_tenant(standin)) == {f"dt_{i:05d}" for i in range(12) if i % 2 == 0}
    assert all(inv["paths"] == ["/app.js"] for inv in standin.invalidations())


def test_disabled_tenants_are_skipped_with_a_notice(standin, run_cli):
    tenants = make_tenants(6)
    tenants[2]["enabled"] = False
    standin.configure(tenants=tenants, completion_delay_seconds=0)
    result = run_cli(["--tenants-of", DIST, "/index.html"])
    assert result.code == 0, result.stderr
    assert "dt_00002" not in created_by_tenant(standin)
    assert len(created_by_tenant(standin)) == 5
    assert "1 disabled tenant(s) skipped: dt_00002" in result.stderr


def test_a_rerun_of_the_same_job_creates_nothing_and_says_what_was_done(standin, run_cli):
    standin.configure(tenants=make_tenants(40), completion_delay_seconds=0)
    first = run_cli(["--tenants-of", DIST, "/index.html", "--wait"], env=ci_env("1"), timeout=120)
    assert first.code == 0, first.stderr
    before = standin.invalidations()
    polls_before = len(standin.requests("GetInvalidationForDistributionTenant"))
    # "Re-run jobs" in GitHub Actions: same run and job, next attempt.
    second = run_cli(["--tenants-of", DIST, "/index.html", "--wait", "--json"], env=ci_env("2"), timeout=120)
    assert second.code == 0, second.stderr
    assert len(standin.invalidations()) == len(before) == 40
    assert "40 already done by an earlier attempt of this job" in second.stderr
    creates = standin.requests(CREATE)
    assert sum(1 for r in creates if r["replayed"]) == 40
    assert len(standin.requests("GetInvalidationForDistributionTenant")) == polls_before, "nothing to poll"
    # A new run (another GITHUB_RUN_ID) invalidates again.
    third = run_cli(["--tenants-of", DIST, "/index.html"], env={**ci_env("1"), "GITHUB_RUN_ID": "778"})
    assert third.code == 0, third.stderr
    assert len(standin.invalidations()) == 80


def test_shards_partition_the_tenants_exactly(standin, run_cli):
    standin.configure(tenants=make_tenants(90), completion_delay_seconds=0)
    per_shard = []
    for index in (1, 2, 3):
        before = set(created_by_tenant(standin))
        result = run_cli(["--tenants-of", DIST, "--shard", f"{index}/3", "/index.html"])
        assert result.code == 0, result.stderr
        per_shard.append(set(created_by_tenant(standin)) - before)
        assert "in other shards" in result.stderr
    assert set().union(*per_shard) == {f"dt_{i:05d}" for i in range(90)}
    assert sum(len(s) for s in per_shard) == 90, "every tenant in exactly one shard"
    assert all(per_shard), "each shard got some tenants"
    assert max(created_by_tenant(standin).values()) == 1


def test_a_throttling_storm_still_ends_with_every_tenant_done_and_no_duplicates(standin, run_cli):
    standin.configure(tenants=make_tenants(120), completion_delay_seconds=0,
                      rate_limit={"requests_per_second": 25, "burst": 5})
    standin.add_fault("throttling", operation=[CREATE, "GetInvalidationForDistributionTenant"], count=40)
    result = run_cli(["--tenants-of", DIST, "/index.html", "--wait", "--json"], timeout=240)
    assert result.code == 0, result.stderr
    assert standin.state()["faults"][0]["fired"] == 40, "the injected storm happened"
    assert any(r["outcome"] == "throttled" for r in standin.requests()), "and the rate limit answered Throttling"
    assert created_by_tenant(standin) == Counter({f"dt_{i:05d}": 1 for i in range(120)})
    assert all(e["status"] == "Completed" for e in json.loads(result.stdout)["invalidations"])


def test_failing_tenants_give_exit_1_with_the_others_done(standin, run_cli):
    standin.configure(tenants=make_tenants(20), completion_delay_seconds=0)
    for tenant in ("dt_00003", "dt_00011"):
        standin.add_fault("error", operation=CREATE, count=None, target=tenant, status=400, code="InvalidArgument",
                          message="Tenant is being updated")
    result = run_cli(["--tenants-of", DIST, "/index.html", "--wait", "--json"], timeout=120)
    assert result.code == 1, result.stderr
    document = json.loads(result.stdout)
    by_tenant = {e["tenant_id"]: e for e in document["invalidations"]}
    assert by_tenant["dt_00003"]["status"] == "Failed" and "InvalidArgument" in by_tenant["dt_00003"]["error"]
    assert sum(1 for e in by_tenant.values() if e["status"] == "Completed") == 18
    assert "2 tenant(s) failed" in result.stderr and "dt_00003, dt_00011" in result.stderr
    assert set(created_by_tenant(standin)) == {f"dt_{i:05d}" for i in range(20)} - {"dt_00003", "dt_00011"}


@pytest.mark.parametrize("command", [["--dry-run"], ["validate"]])
def test_dry_run_and_validate_list_the_tenants_and_create_nothing(standin, run_cli, command):
    standin.configure(tenants=make_tenants(25))
    args = ([*command, "--tenants-of", DIST, "/index.html", "--json"] if command == ["validate"]
            else ["--tenants-of", DIST, "/index.html", "--json", *command])
    result = run_cli(args)
    assert result.code == 0, result.stderr
    assert "25 selected: dt_00000" in result.stderr and "and 15 more" in result.stderr
    assert len(json.loads(result.stdout)["invalidations"]) == 25
    assert not standin.requests(CREATE)


@pytest.mark.parametrize("flags, expected", [
    (["--shard", "4/3"], "--shard '4/3'"),
    (["--max-request-rate", "fast"], "--max-request-rate 'fast'"),
    (["--tenant-tag", "tier"], "KEY=VALUE"),
    (["--tenants-in-group", "cg_1"], "give one of them"),
])
def test_bad_tenant_flags_are_refused_before_anything_is_sent(standin, run_cli, flags, expected):
    result = run_cli(["--tenants-of", DIST, *flags, "/index.html"])
    assert result.code == 64, result.stderr
    assert expected in result.stderr
    assert not standin.requests()


def test_connection_group_selection_and_request_cap(standin, run_cli):
    tenants = make_tenants(8)
    for tenant in tenants[:3]:
        tenant["connection_group_id"] = "cg_blue"
    standin.configure(tenants=tenants, completion_delay_seconds=0)
    result = run_cli(["--tenants-in-group", "cg_blue", "--max-request-rate", "50", "/index.html"])
    assert result.code == 0, result.stderr
    assert set(created_by_tenant(standin)) == {"dt_00000", "dt_00001", "dt_00002"}
