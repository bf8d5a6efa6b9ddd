"""Self-tests of the stand-in's tenants-at-scale additions (ListDistributionTenants, the request rate limit),
with boto3/botocore as the client."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

import cloudfront_standin

DIST = cloudfront_standin.DEFAULT_DISTRIBUTION_ID


def tenants(count: int, **extra) -> list[dict]:
    return [{"id": f"dt_{i:05d}", "distribution_id": DIST, "domains": [f"t{i}.example.com"], **extra}
            for i in range(count)]


def test_list_distribution_tenants_pages_with_botocore(standin):
    standin.configure(tenants=tenants(5) + [{"id": "dt_other", "distribution_id": DIST,
                                             "connection_group_id": "cg_1", "enabled": False}])
    client = standin.client()
    seen, marker, pages = [], None, 0
    for _ in range(10):
        kwargs = {"AssociationFilter": {"DistributionId": DIST}, "MaxItems": 2}
        if marker:
            kwargs["Marker"] = marker
        page = client.list_distribution_tenants(**kwargs)
        pages += 1
        seen += page["DistributionTenantList"]
        marker = page.get("NextMarker")
        if not marker:
            break
    assert pages == 3
    assert [t["Id"] for t in seen] == [f"dt_{i:05d}" for i in range(5)] + ["dt_other"]
    assert seen[0]["Domains"] == [{"Domain": "t0.example.com", "Status": "active"}]
    assert seen[-1]["Enabled"] is False and seen[-1]["ConnectionGroupId"] == "cg_1"
    group = client.list_distribution_tenants(AssociationFilter={"ConnectionGroupId": "cg_1"})
    assert [t["Id"] for t in group["DistributionTenantList"]] == ["dt_other"]
    assert "NextMarker" not in group


def test_tenant_tags_are_listed_by_arn(standin):
    standin.configure(tenants=[{"id": "dt_a", "distribution_id": DIST, "tags": {"tier": "gold"}}])
    client = standin.client()
    arn = client.list_distribution_tenants()["DistributionTenantList"][0]["Arn"]
    assert client.list_tags_for_resource(Resource=arn)["Tags"]["Items"] == [{"Key": "tier", "Value": "gold"}]


def test_rate_limit_answers_throttling_beyond_the_bucket(standin):
    standin.configure(rate_limit={"requests_per_second": 0.001, "burst": 3})
    client = standin.client()
    for _ in range(3):
        client.list_distributions()
    with pytest.raises(ClientError) as excinfo:
        client.list_distributions()
    assert excinfo.value.response["Error"]["Code"] == "Throttling"
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert [r["outcome"] for r in standin.requests("ListDistributions")][-1] == "throttled"


def test_rate_limit_config_is_checked(standin):
    status, answer = standin.control("POST", "config", {"rate_limit": {"requests_per_second": 0}})
    assert status == 400 and "requests_per_second" in answer["error"]
