"""Integration tests of naming distributions by domain and of `check` (issue 9), against the stand-in on 127.0.0.1.

The stand-in lists distributions in pages of its MaxItems, so several distributions here exercise NextMarker.
"""

from __future__ import annotations

import pytest

SITE = {"id": "E1SITEEXAMPLE", "domain_name": "d111111abcdef8.cloudfront.net", "aliases": ["www.example.com"],
        "origins": [{"id": "bucket", "domain_name": "site.s3.us-east-1.amazonaws.com", "origin_path": "/prod"}],
        "tags": {"env": "production"}}
WILD = {"id": "E2WILDEXAMPLE", "domain_name": "d222222abcdef8.cloudfront.net", "aliases": ["*.example.org"],
        "origins": [{"id": "shared", "domain_name": "shared.example.net"}], "tags": {"env": "staging"}}
DOCS = {"id": "E3DOCSEXAMPLE", "domain_name": "d333333abcdef8.cloudfront.net", "aliases": ["docs.example.com"],
        "origins": [{"id": "shared", "domain_name": "shared.example.net"}], "tags": {"env": "production"}}
FILLER = [{"id": f"E9FILL{n:07d}", "domain_name": f"d9{n:012d}.cloudfront.net"} for n in range(120)]


@pytest.fixture
def named(standin):
    standin.configure(distributions=[*FILLER[:60], SITE, *FILLER[60:], WILD, DOCS])
    return standin


@pytest.mark.parametrize("name,expected", [
    ("www.example.com", "E1SITEEXAMPLE"),
    ("d222222abcdef8.cloudfront.net", "E2WILDEXAMPLE"),
    ("blog.example.org", "E2WILDEXAMPLE"),
    ("site.s3.us-east-1.amazonaws.com", "E1SITEEXAMPLE"),
])
def test_status_and_check_by_name(run_cli, named, name, expected):
    client = named.client()
    created = client.create_invalidation(DistributionId=expected, InvalidationBatch={
        "Paths": {"Quantity": 1, "Items": ["/index.html"]}, "CallerReference": f"names-{name}"})
    result = run_cli(["status", "-d", name, "--id", created["Invalidation"]["Id"]])
    assert result.code == 0, result.stderr
    assert f"{name} → {expected}" in result.stderr
    listings = named.requests("ListDistributions")
    assert len(listings) >= 2, "the name is found by following NextMarker"
    check = run_cli(["check", "-d", name])
    assert check.code == 0, check.stderr


def test_unknown_name_exits_64_and_suggests_the_id(run_cli, named):
    result = run_cli(["check", "-d", "www.example.invalid"])
    assert result.code == 64, result.stderr
    assert "No distribution matches 'www.example.invalid'" in result.stderr and "-d E" in result.stderr


def test_ambiguous_origin_names_the_candidates_and_a_tag_narrows_it(run_cli, named):
    ambiguous = run_cli(["check", "-d", "shared.example.net"])
    assert ambiguous.code == 64, ambiguous.stderr
    assert "E2WILDEXAMPLE" in ambiguous.stderr and "E3DOCSEXAMPLE" in ambiguous.stderr
    narrowed = run_cli(["check", "-d", "shared.example.net", "--distribution-tag", "env=staging"])
    assert narrowed.code == 0, narrowed.stderr
    assert "E2WILDEXAMPLE" in narrowed.stderr


def test_ids_need_no_listing(run_cli, named):
    result = run_cli(["check", "-d", "E1SITEEXAMPLE"])
    assert result.code == 0, result.stderr
    assert named.requests("ListDistributions") == []


def test_check_by_name_creates_nothing_and_fails_77_on_a_bad_secret(run_cli, named):
    good = run_cli(["check", "-d", "www.example.com"])
    assert good.code == 0, good.stderr
    bad = run_cli(["check", "-d", "www.example.com"], env={"AWS_SECRET_ACCESS_KEY": "not-the-secret"})
    assert bad.code == 77, bad.stderr
    assert named.invalidations() == []


@pytest.mark.parametrize("name,expected", [
    ("www.example.com", "E1SITEEXAMPLE"),
    ("d222222abcdef8.cloudfront.net", "E2WILDEXAMPLE"),
    ("site.s3.us-east-1.amazonaws.com", "E1SITEEXAMPLE"),
])
def test_create_by_name(run_cli, named, name, expected):
    result = run_cli(["-d", name, "/index.html"])
    assert result.code == 0, result.stderr
    (inv,) = named.invalidations()
    assert inv["distribution_id"] == expected
    assert result.stdout.split() == [inv["id"]]
    assert f"{name} → {expected}" in result.stderr


def test_create_with_an_unknown_name_exits_64_and_creates_nothing(run_cli, named):
    result = run_cli(["-d", "www.example.invalid", "/index.html"])
    assert result.code == 64, result.stderr
    assert named.invalidations() == []
    assert named.requests("CreateInvalidation") == []


def test_create_narrowed_by_tag(run_cli, named):
    result = run_cli(["-d", "shared.example.net", "--distribution-tag", "env=production", "/index.html"])
    assert result.code == 0, result.stderr
    (inv,) = named.invalidations()
    assert inv["distribution_id"] == "E3DOCSEXAMPLE"


def test_malformed_tag_is_a_usage_error(run_cli, named):
    result = run_cli(["-d", "E1SITEEXAMPLE", "--distribution-tag", "production", "/index.html"])
    assert result.code == 64, result.stderr
    assert named.state()["requests"] == []


def test_check_first_creates_only_when_allowed(run_cli, named):
    ok = run_cli(["--check-first", "-d", "www.example.com", "/index.html"])
    assert ok.code == 0, ok.stderr
    assert len(named.invalidations()) == 1
    named.configure(credentials=[{"access_key_id": named.access_key_id, "secret_access_key": named.secret_access_key,
                                  "denied_operations": ["CreateInvalidation"]}])
    before = len(named.requests("CreateInvalidation"))
    denied = run_cli(["--check-first", "-d", "www.example.com", "/about.html"])
    assert denied.code == 77, denied.stderr
    assert len(named.invalidations()) == 1
    second_run = named.requests("CreateInvalidation")[before:]
    assert len(second_run) == 1 and not second_run[0]["paths"], "only the empty probe was sent"
