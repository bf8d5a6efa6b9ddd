"""Self-tests of the CloudFront stand-in, with boto3/botocore as the client."""

from __future__ import annotations

import datetime
import http.client
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from unittest import mock

import botocore.auth
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError, ReadTimeoutError

import cloudfront_standin

DIST = cloudfront_standin.DEFAULT_DISTRIBUTION_ID
NETWORK_ERRORS = (ConnectionClosedError, EndpointConnectionError, ReadTimeoutError, ConnectionError)


def batch(paths: list[str], reference: str | None = None, quantity: int | None = None) -> dict:
    return {"Paths": {"Quantity": len(paths) if quantity is None else quantity, "Items": paths},
            "CallerReference": reference or uuid.uuid4().hex}


def error_of(excinfo: pytest.ExceptionInfo) -> tuple[str, int]:
    response = excinfo.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def signed_request(standin, method: str, path: str, body: bytes = b"", secret: str | None = None,
                   region: str = "us-east-1", when: datetime.datetime | None = None,
                   token: str | None = None, access_key: str | None = None) -> AWSRequest:
    """A request signed by botocore's SigV4Auth, to be sent (possibly altered) by ``send``."""
    request = AWSRequest(method=method, url=f"{standin.url}{path}", data=body,
                         headers={"Content-Type": "application/xml"} if body else {})
    credentials = Credentials(access_key or standin.access_key_id, secret or standin.secret_access_key, token)
    if when is None:
        SigV4Auth(credentials, "cloudfront", region).add_auth(request)
    else:
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=when):
            SigV4Auth(credentials, "cloudfront", region).add_auth(request)
    return request


def send(standin, request: AWSRequest, body: bytes | None = None) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", standin.port, timeout=10)
    try:
        path = request.url[len(standin.url):]
        payload = request.body if body is None else body
        headers = dict(request.headers.items())
        headers["Content-Length"] = str(len(payload or b""))
        connection.request(request.method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def batch_xml(paths: list[str], reference: str = "ref-1") -> bytes:
    items = "".join(f"<Path>{p}</Path>" for p in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?><InvalidationBatch xmlns="{cloudfront_standin.XMLNS}">'
            f"<Paths><Quantity>{len(paths)}</Quantity><Items>{items}</Items></Paths>"
            f"<CallerReference>{reference}</CallerReference></InvalidationBatch>").encode()


# ------------------------------------------------------------------------------------------ basics


def test_create_get_list_with_good_credentials(standin):
    client = standin.client()
    created = client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/index.html", "/a/*"], "r1"))
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    inv = created["Invalidation"]
    assert inv["Id"].startswith("I") and len(inv["Id"]) == 14
    assert inv["Status"] == "InProgress"
    assert inv["InvalidationBatch"] == {"Paths": {"Quantity": 2, "Items": ["/index.html", "/a/*"]},
                                        "CallerReference": "r1"}
    assert created["Location"].endswith(f"/2020-05-31/distribution/{DIST}/invalidation/{inv['Id']}")

    got = client.get_invalidation(DistributionId=DIST, Id=inv["Id"])["Invalidation"]
    assert got["Id"] == inv["Id"] and got["Status"] == "Completed"  # default delay is 0
    listed = client.list_invalidations(DistributionId=DIST)["InvalidationList"]
    assert [i["Id"] for i in listed["Items"]] == [inv["Id"]]
    assert listed["IsTruncated"] is False and listed["Quantity"] == 1

    state = standin.state()
    assert state["rejections"] == []
    assert [r["signature_ok"] for r in state["requests"]] == [True, True, True]
    assert state["counts"] == {"CreateInvalidation": 1, "GetInvalidation": 1, "ListInvalidations": 1}
    (recorded,) = state["invalidations"]
    assert recorded["paths"] == ["/index.html", "/a/*"] and recorded["caller_reference"] == "r1"
    assert recorded["distribution_id"] == DIST and recorded["tenant_id"] is None


def test_list_invalidations_newest_first_and_paginated(standin):
    client = standin.client()
    ids = [client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch([f"/p{i}"]))["Invalidation"]["Id"]
           for i in range(5)]
    first = client.list_invalidations(DistributionId=DIST, MaxItems="2")["InvalidationList"]
    assert [i["Id"] for i in first["Items"]] == ids[::-1][:2]
    assert first["IsTruncated"] is True and first["NextMarker"] == ids[::-1][1] and first["Marker"] == ""
    second = client.list_invalidations(DistributionId=DIST, MaxItems="2", Marker=first["NextMarker"])
    assert [i["Id"] for i in second["InvalidationList"]["Items"]] == ids[::-1][2:4]
    pages = client.get_paginator("list_invalidations").paginate(DistributionId=DIST, PaginationConfig={"PageSize": 2})
    assert [i["Id"] for page in pages for i in page["InvalidationList"].get("Items", [])] == ids[::-1]
    empty = standin.client().list_invalidations(DistributionId=DIST, MaxItems="1", Marker=ids[0])["InvalidationList"]
    assert empty["Quantity"] == 0 and "Items" not in empty and empty["IsTruncated"] is False


def test_unknown_distribution_and_invalidation(standin):
    client = standin.client()
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation(DistributionId="ENOSUCHDIST", InvalidationBatch=batch(["/x"]))
    assert error_of(excinfo) == ("NoSuchDistribution", 404)
    with pytest.raises(ClientError) as excinfo:
        client.get_invalidation(DistributionId=DIST, Id="INOSUCHINVALID")
    assert error_of(excinfo) == ("NoSuchInvalidation", 404)
    assert standin.invalidations() == []


# ------------------------------------------------------------------------------------------ signatures


def test_wrong_secret_is_rejected_and_recorded(standin):
    with pytest.raises(ClientError) as excinfo:
        standin.client(secret_access_key="not-the-secret").create_invalidation(
            DistributionId=DIST, InvalidationBatch=batch(["/x"]))
    assert error_of(excinfo) == ("SignatureDoesNotMatch", 403)
    state = standin.state()
    assert state["invalidations"] == []
    (rejection,) = state["rejections"]
    assert rejection["signature_ok"] is False and rejection["signature_error"] == "SignatureDoesNotMatch"
    assert rejection["operation"] == "CreateInvalidation" and rejection["access_key_id"] == standin.access_key_id
    assert "x-amz-date" in rejection["signature_detail"]["canonical_request"]


def test_unknown_access_key_is_rejected(standin):
    with pytest.raises(ClientError) as excinfo:
        standin.client(access_key_id="AKIAUNKNOWN").list_distributions()
    assert error_of(excinfo) == ("InvalidClientTokenId", 403)
    assert standin.rejections()[0]["signature_error"] == "InvalidClientTokenId"


def test_unsigned_request_is_rejected(standin):
    request = urllib.request.Request(f"{standin.url}/2020-05-31/distribution", method="GET")
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(request, timeout=10)
    assert excinfo.value.code == 403
    assert "<Code>MissingAuthenticationToken</Code>" in excinfo.value.read().decode()
    assert standin.rejections()[0]["signature_error"] == "MissingAuthenticationToken"


def test_signature_covers_the_body(standin):
    path = f"/2020-05-31/distribution/{DIST}/invalidation"
    request = signed_request(standin, "POST", path, batch_xml(["/a"]))
    status, body = send(standin, request, batch_xml(["/b"]))  # same length, other content
    assert status == 403 and "SignatureDoesNotMatch" in body
    status, _ = send(standin, signed_request(standin, "POST", path, batch_xml(["/a"], "ref-2")))
    assert status == 201
    assert [i["paths"] for i in standin.invalidations()] == [["/a"]]


def test_signature_covers_the_query(standin):
    request = signed_request(standin, "GET", f"/2020-05-31/distribution/{DIST}/invalidation?MaxItems=2")
    request.url = request.url.replace("MaxItems=2", "MaxItems=3")
    status, body = send(standin, request)
    assert status == 403 and "SignatureDoesNotMatch" in body


def test_wrong_region_scope_is_rejected(standin):
    with pytest.raises(ClientError) as excinfo:
        standin.client(region="eu-west-1").list_distributions()
    code, status = error_of(excinfo)
    assert (code, status) == ("SignatureDoesNotMatch", 403)
    assert "region" in excinfo.value.response["Error"]["Message"]


def test_expired_signature_is_rejected(standin):
    old = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(hours=1)
    status, body = send(standin, signed_request(standin, "GET", "/2020-05-31/distribution", when=old))
    assert status == 403 and "Signature expired" in body


def test_session_token_is_checked(standin):
    standin.configure(credentials=[
        {"access_key_id": standin.access_key_id, "secret_access_key": standin.secret_access_key},
        {"access_key_id": "ASIATEMPORARY", "secret_access_key": "temporary-secret", "session_token": "the-token"},
    ])
    good = standin.client("ASIATEMPORARY", "temporary-secret", session_token="the-token")
    assert good.list_distributions()["DistributionList"]["Quantity"] == 1
    for token in ("another-token", None):
        with pytest.raises(ClientError) as excinfo:
            standin.client("ASIATEMPORARY", "temporary-secret", session_token=token).list_distributions()
        assert error_of(excinfo) == ("InvalidClientTokenId", 403)
    with pytest.raises(ClientError) as excinfo:  # a long-term key must not carry a token
        standin.client(session_token="the-token").list_distributions()
    assert error_of(excinfo) == ("InvalidClientTokenId", 403)
    log = standin.requests()
    assert [r["signature_ok"] for r in log] == [True, False, False, False]
    assert [r["session_token_present"] for r in log] == [True, True, False, True]
    assert "the-token" not in json.dumps(standin.state()["rejections"])


def test_denied_credentials_get_access_denied_even_for_the_empty_probe(standin):
    client = standin.client()
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch([], quantity=0))
    assert error_of(excinfo) == ("InvalidArgument", 400)
    standin.configure(credentials=[{"access_key_id": standin.access_key_id,
                                    "secret_access_key": standin.secret_access_key,
                                    "denied_operations": ["CreateInvalidation"]}])
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch([], quantity=0))
    assert error_of(excinfo) == ("AccessDenied", 403)
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"], "denied-ref"))
    assert error_of(excinfo) == ("AccessDenied", 403)
    assert client.list_invalidations(DistributionId=DIST)["InvalidationList"]["Quantity"] == 0
    creates = standin.requests("CreateInvalidation")
    assert [r["paths"] for r in creates] == [[], [], ["/a"]]
    assert creates[-1]["caller_reference"] == "denied-ref"


# ------------------------------------------------------------------------------------------ validation


@pytest.mark.parametrize("paths", [
    ["index.html"], ["/a*b"], ["/ok", "/ctl\u007f"], ["/tab\there"], ["#"], ["/" + "a" * 4000]])
def test_invalid_paths_are_rejected(standin, paths):
    with pytest.raises(ClientError) as excinfo:
        standin.client().create_invalidation(DistributionId=DIST, InvalidationBatch=batch(paths))
    assert error_of(excinfo) == ("InvalidArgument", 400)
    assert standin.invalidations() == []


def test_tags_and_encoded_paths_are_accepted_verbatim(standin):
    paths = ["#product-123", "/caf%C3%A9/a%20b.txt", "/search?q=1", "/img/*"]
    standin.client().create_invalidation(DistributionId=DIST, InvalidationBatch=batch(paths))
    assert standin.invalidations()[0]["paths"] == paths


def test_quantity_must_match_items(standin):
    with pytest.raises(ClientError) as excinfo:
        standin.client().create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a", "/b"], quantity=3))
    assert error_of(excinfo) == ("InconsistentQuantities", 400)


def test_unencoded_paths_rejected_only_when_configured(standin):
    standin.client().create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a b"]))
    standin.configure(reject_unencoded_paths=True)
    with pytest.raises(ClientError) as excinfo:
        standin.client().create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/café"]))
    assert error_of(excinfo) == ("InvalidArgument", 400)


def test_caller_reference_idempotency(standin):
    client = standin.client()
    first = client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a", "/b"], "same"))
    again = client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/b", "/a"], "same"))
    assert again["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert again["Invalidation"]["Id"] == first["Invalidation"]["Id"]
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/c"], "same"))
    assert error_of(excinfo) == ("InvalidationBatchAlreadyExists", 409)
    standin.configure(caller_reference_conflict="InvalidArgument")
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/c"], "same"))
    assert error_of(excinfo) == ("InvalidArgument", 400)
    (inv,) = standin.invalidations()
    assert inv["replays"] == 1
    assert [r["replayed"] for r in standin.requests("CreateInvalidation")] == [False, True, False, False]


# ------------------------------------------------------------------------------------------ completion and limits


def test_completion_delay_and_completed_time(standin):
    standin.configure(completion_delay_seconds=1.0)
    client = standin.client()
    inv_id = client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"]))["Invalidation"]["Id"]
    assert client.get_invalidation(DistributionId=DIST, Id=inv_id)["Invalidation"]["Status"] == "InProgress"
    assert client.get_distribution(Id=DIST)["Distribution"]["InProgressInvalidationBatches"] == 1
    deadline = time.monotonic() + 5
    while client.get_invalidation(DistributionId=DIST, Id=inv_id)["Invalidation"]["Status"] != "Completed":
        assert time.monotonic() < deadline, "never completed"
        time.sleep(0.05)
    (inv,) = standin.invalidations()
    assert inv["completed_at"] == pytest.approx(inv["created_at"] + 1.0)
    assert [r["invalidation_status"] for r in standin.requests("GetInvalidation")][-1] == "Completed"
    assert standin.state()["counts"]["GetInvalidation"] >= 2


def test_per_distribution_delay_and_manual_completion(standin):
    standin.configure(completion_delay_seconds=None, distributions=[
        {"id": DIST}, {"id": "EFAST", "completion_delay_seconds": 0}])
    client = standin.client()
    slow = client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"]))["Invalidation"]["Id"]
    fast = client.create_invalidation(DistributionId="EFAST", InvalidationBatch=batch(["/a"]))["Invalidation"]["Id"]
    assert client.get_invalidation(DistributionId="EFAST", Id=fast)["Invalidation"]["Status"] == "Completed"
    assert client.get_invalidation(DistributionId=DIST, Id=slow)["Invalidation"]["Status"] == "InProgress"
    assert standin.complete([slow]) == [slow]
    assert client.get_invalidation(DistributionId=DIST, Id=slow)["Invalidation"]["Status"] == "Completed"


def test_in_progress_limits_default_to_cloudfronts(standin):
    standin.configure(completion_delay_seconds=None)
    client = standin.client()
    client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch([f"/f{i}" for i in range(3000)]))
    client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch([f"/w{i}/*" for i in range(15)]))
    for paths in (["/one-more-file"], ["/one-more/*"]):
        with pytest.raises(ClientError) as excinfo:
            client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(paths))
        assert error_of(excinfo) == ("TooManyInvalidationsInProgress", 400)
    standin.complete()
    client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/one-more-file", "/one-more/*"]))
    assert len(standin.invalidations()) == 3


def test_configured_limits_and_batch_too_large(standin):
    standin.configure(completion_delay_seconds=None, limits={"max_in_progress_paths": 3,
                                                             "max_in_progress_wildcards": 1})
    client = standin.client()
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a", "/b", "/c", "/d"]))
    assert error_of(excinfo) == ("BatchTooLarge", 413)
    client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a", "/b", "/x/*"]))
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/c", "/d"]))
    assert error_of(excinfo) == ("TooManyInvalidationsInProgress", 400)
    client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/c"]))


# ------------------------------------------------------------------------------------------ faults


@pytest.mark.parametrize("kind, code, status", [
    ("service_unavailable", "ServiceUnavailable", 503),
    ("throttling", "Throttling", 400),
    ("too_many_requests", "TooManyRequestsException", 429),
    ("internal_error", "InternalError", 500),
    ("too_many_invalidations", "TooManyInvalidationsInProgress", 400),
])
def test_error_faults_fire_exactly_n_times(standin, kind, code, status):
    standin.add_fault(kind, "CreateInvalidation", count=3)
    client = standin.client()
    client.list_distributions()  # another operation is not affected
    for _ in range(3):
        with pytest.raises(ClientError) as excinfo:
            client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"], "ref"))
        assert error_of(excinfo) == (code, status)
    client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"], "ref"))
    state = standin.state()
    assert len(state["invalidations"]) == 1
    assert state["faults"][0]["fired"] == 3 and state["faults"][0]["remaining"] == 0
    assert [r["fault"] for r in state["requests"]] == [None, kind, kind, kind, None]


def test_boto3_retries_through_503s(standin):
    standin.add_fault("503", "CreateInvalidation", count=2)
    created = standin.client(attempts=5).create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"]))
    assert created["ResponseMetadata"]["RetryAttempts"] == 2
    assert len(standin.invalidations()) == 1 and len(standin.requests("CreateInvalidation")) == 3


def test_throttling_carries_retry_after(standin):
    standin.add_fault("throttling", "ListDistributions", count=1, retry_after=7)
    with pytest.raises(ClientError) as excinfo:
        standin.client().list_distributions()
    assert excinfo.value.response["ResponseMetadata"]["HTTPHeaders"]["retry-after"] == "7"
    assert excinfo.value.response["Error"]["Message"] == "Rate exceeded"


def test_persistent_fault_and_skip(standin):
    standin.add_fault("503", "GetDistribution", count=None, skip=1)
    client = standin.client()
    client.get_distribution(Id=DIST)
    for _ in range(4):
        with pytest.raises(ClientError):
            client.get_distribution(Id=DIST)
    assert standin.state()["faults"][0]["fired"] == 4 and standin.state()["faults"][0]["remaining"] is None


@pytest.mark.parametrize("kind", ["reset", "reset_before_body"])
def test_connection_resets(standin, kind):
    standin.add_fault(kind, "CreateInvalidation", count=2)
    client = standin.client()
    for _ in range(2):
        with pytest.raises(NETWORK_ERRORS):
            client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"], "ref"))
    client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"], "ref"))
    state = standin.state()
    assert len(state["invalidations"]) == 1
    assert [r["outcome"] for r in state["requests"]] == ["reset", "reset", "answered"]
    if kind == "reset_before_body":
        assert state["requests"][0]["signature_ok"] is None


def test_lost_response_after_create(standin):
    standin.add_fault("drop_response", "CreateInvalidation", count=1)
    client = standin.client()
    with pytest.raises(NETWORK_ERRORS):
        client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"], "lost-ref"))
    (inv,) = standin.invalidations()  # it was created although the client never heard
    retried = client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"], "lost-ref"))
    assert retried["Invalidation"]["Id"] == inv["id"]
    assert len(standin.invalidations()) == 1
    log = standin.requests("CreateInvalidation")
    assert [r["outcome"] for r in log] == ["dropped", "answered"]
    assert [r["caller_reference"] for r in log] == ["lost-ref", "lost-ref"]


def test_slow_answer(standin):
    standin.add_fault("slow", "ListDistributions", count=1, seconds=0.6)
    client = standin.client()
    started = time.monotonic()
    client.list_distributions()
    assert time.monotonic() - started >= 0.6
    started = time.monotonic()
    client.list_distributions()
    assert time.monotonic() - started < 0.6


def test_custom_error_fault_targets_one_distribution(standin):
    standin.configure(distributions=[{"id": DIST}, {"id": "EOTHER"}])
    standin.add_fault("error", "CreateInvalidation", count=1, status=403, code="AccessDenied",
                      message="nope", target="EOTHER")
    client = standin.client()
    client.create_invalidation(DistributionId=DIST, InvalidationBatch=batch(["/a"]))
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation(DistributionId="EOTHER", InvalidationBatch=batch(["/a"]))
    assert error_of(excinfo) == ("AccessDenied", 403)


# -------------------------------------------------------------------------------------- tenants, distributions, tags


def test_distribution_tenants(standin):
    standin.configure(tenants=[{"id": "dt_2abcEXAMPLE", "distribution_id": DIST, "domains": ["a.example.com"]}],
                      completion_delay_seconds=None)
    client = standin.client()
    created = client.create_invalidation_for_distribution_tenant(
        Id="dt_2abcEXAMPLE", InvalidationBatch=batch(["#product-123", "/x"]))
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    inv_id = created["Invalidation"]["Id"]
    assert created["Location"].endswith(f"/distribution-tenant/dt_2abcEXAMPLE/invalidation/{inv_id}")
    got = client.get_invalidation_for_distribution_tenant(DistributionTenantId="dt_2abcEXAMPLE", Id=inv_id)
    assert got["Invalidation"]["Status"] == "InProgress"
    listed = client.list_invalidations_for_distribution_tenant(Id="dt_2abcEXAMPLE", MaxItems=10)
    assert [i["Id"] for i in listed["InvalidationList"]["Items"]] == [inv_id]
    assert client.list_invalidations(DistributionId=DIST)["InvalidationList"]["Quantity"] == 0
    with pytest.raises(ClientError) as excinfo:
        client.create_invalidation_for_distribution_tenant(Id="dt_unknown", InvalidationBatch=batch(["/x"]))
    assert error_of(excinfo) == ("EntityNotFound", 404)
    (inv,) = standin.invalidations()
    assert (inv["target_type"], inv["tenant_id"], inv["distribution_id"]) == ("tenant", "dt_2abcEXAMPLE", DIST)
    assert standin.state()["counts"]["CreateInvalidationForDistributionTenant"] == 2


def test_list_distributions_paginates_with_aliases_and_origins(standin):
    standin.configure(distributions=[
        {"id": f"E{i}EXAMPLE", "aliases": [f"site{i}.example.com"],
         "origins": [{"id": "o", "domain_name": f"bucket{i}.s3.us-east-1.amazonaws.com", "origin_path": f"/prod{i}"}]}
        for i in range(5)])
    client = standin.client()
    first = client.list_distributions(MaxItems="2")["DistributionList"]
    assert [d["Id"] for d in first["Items"]] == ["E0EXAMPLE", "E1EXAMPLE"]
    assert first["IsTruncated"] is True and first["NextMarker"] == "E1EXAMPLE" and first["MaxItems"] == 2
    second = client.list_distributions(MaxItems="2", Marker="E1EXAMPLE")["DistributionList"]
    assert [d["Id"] for d in second["Items"]] == ["E2EXAMPLE", "E3EXAMPLE"]
    pages = list(client.get_paginator("list_distributions").paginate(PaginationConfig={"PageSize": 2}))
    everything = [d for page in pages for d in page["DistributionList"].get("Items", [])]
    assert len(pages) == 3 and len(everything) == 5
    last = everything[-1]
    assert last["Aliases"] == {"Quantity": 1, "Items": ["site4.example.com"]}
    assert last["Origins"]["Items"][0]["OriginPath"] == "/prod4"
    assert last["Origins"]["Items"][0]["DomainName"] == "bucket4.s3.us-east-1.amazonaws.com"
    assert last["DomainName"] == "de4example.cloudfront.net"


def test_get_distribution_and_tags(standin):
    standin.configure(distributions=[{"id": DIST, "tags": {"env": "prod", "team": "web"},
                                      "origins": [{"id": "api", "domain_name": "api.example.com"}]}])
    client = standin.client()
    dist = client.get_distribution(Id=DIST)
    assert dist["ETag"] and dist["Distribution"]["Id"] == DIST
    origin = dist["Distribution"]["DistributionConfig"]["Origins"]["Items"][0]
    assert origin["DomainName"] == "api.example.com" and "CustomOriginConfig" in origin
    arn = dist["Distribution"]["ARN"]
    tags = client.list_tags_for_resource(Resource=arn)["Tags"]["Items"]
    assert {t["Key"]: t["Value"] for t in tags} == {"env": "prod", "team": "web"}
    with pytest.raises(ClientError) as excinfo:
        client.list_tags_for_resource(Resource=arn.replace(DIST, "ENOPE"))
    assert error_of(excinfo) == ("NoSuchResource", 404)
    with pytest.raises(ClientError) as excinfo:
        client.get_distribution(Id="ENOPE")
    assert error_of(excinfo) == ("NoSuchDistribution", 404)


# -------------------------------------------------------------------------------------- control API, bounds, process


def test_control_api_rejects_bad_configuration(standin):
    for bad in ({"nonsense": 1}, {"faults": [{"kind": "explode"}]}, {"limits": {"max_in_progress_paths": -1}},
                {"tenants": [{"id": "dt_x", "distribution_id": "ENOPE"}]}):
        status, body = standin.control("POST", "config", bad)
        assert status == 400 and body["error"]
    assert standin.control("GET", "config")[1]["config"]["limits"]["max_in_progress_paths"] == 3000


def test_reset_clears_everything(standin):
    standin.add_fault("503", count=5)
    standin.configure(distributions=[{"id": "EONLY"}])
    standin.reset()
    state = standin.state()
    assert state == {"invalidations": [], "requests": [], "requests_dropped": 0, "rejections": [], "counts": {},
                     "faults": []}
    assert standin.client().list_distributions()["DistributionList"]["Items"][0]["Id"] == DIST


def test_request_bodies_are_capped(standin):
    standin.configure(max_body_bytes=1000)
    with pytest.raises(ClientError) as excinfo:
        standin.client().create_invalidation(DistributionId=DIST,
                                             InvalidationBatch=batch([f"/file-{i}" for i in range(200)]))
    assert error_of(excinfo)[1] == 413
    assert standin.invalidations() == []


def test_runs_as_a_process_with_a_port_file(tmp_path):
    port_file = tmp_path / "port"
    script = Path(cloudfront_standin.__file__)
    process = subprocess.Popen([sys.executable, str(script), "--port", "0", "--port-file", str(port_file)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               env={**os.environ, "AWS_EC2_METADATA_DISABLED": "true"})
    try:
        deadline = time.monotonic() + 20
        while not port_file.exists():
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "no port file"
            time.sleep(0.05)
        port = int(port_file.read_text())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__standin/health", timeout=5) as response:
            assert json.loads(response.read()) == {"ok": True}
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
