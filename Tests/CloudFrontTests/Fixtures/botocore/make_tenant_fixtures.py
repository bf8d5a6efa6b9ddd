#!/usr/bin/env python3
"""Regenerates the ListDistributionTenants fixtures with botocore (run by hand; the output is committed).

Requests: what a real botocore client sends (captured in ``before-send``, nothing leaves the machine).
Replies: each ``responses/list-distribution-tenants-*.xml`` is parsed with botocore's own rest-xml parser and the
fields the Swift decoder reads are written beside it as ``.expected.json``, so the decoder is checked against
botocore's reading of the same bytes.
"""
import json
import pathlib

import botocore.session
from botocore.parsers import create_parser

HERE = pathlib.Path(__file__).resolve().parent
RESPONSES = HERE.parent / "responses"


def capture(params: dict, name: str) -> None:
    session = botocore.session.get_session()
    client = session.create_client(
        "cloudfront", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    seen = {}

    def before_send(request, **_):
        seen["request"] = request
        from botocore.awsrequest import AWSResponse
        return AWSResponse(request.url, 200, {}, None)

    client.meta.events.register("before-send", before_send)
    try:
        client.list_distribution_tenants(**params)
    except Exception:  # the empty fake answer does not parse; the request is all we need
        pass
    request = seen["request"]
    body = request.body or b""
    lines = [f"{request.method} {request.url}"]
    for key in ("Content-Type",):
        if key in request.headers:
            lines.append(f"{key}:{request.headers[key].decode() if isinstance(request.headers[key], bytes) else request.headers[key]}")
    (HERE / f"{name}.request.txt").write_bytes("\n".join(lines).encode() + b"\n\n" + body)


def expected(name: str) -> None:
    model = botocore.session.get_session().get_service_model("cloudfront")
    shape = model.operation_model("ListDistributionTenants").output_shape
    body = (RESPONSES / f"{name}.xml").read_bytes()
    parsed = create_parser("rest-xml").parse({"status_code": 200, "headers": {}, "body": body}, shape)
    tenants = [
        {"id": t["Id"], "distribution_id": t["DistributionId"], "name": t["Name"], "arn": t["Arn"],
         "domains": [d["Domain"] for d in t["Domains"]], "connection_group_id": t.get("ConnectionGroupId"),
         "enabled": t.get("Enabled"), "status": t.get("Status")}
        for t in parsed.get("DistributionTenantList", [])
    ]
    result = {"next_marker": parsed.get("NextMarker"), "tenants": tenants}
    (RESPONSES / f"{name}.expected.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    capture({"AssociationFilter": {"DistributionId": "E1MULTITENANT"}, "MaxItems": 100},
            "list-distribution-tenants")
    capture({"AssociationFilter": {"ConnectionGroupId": "cg_2wjDZMfEXAMPLE"}, "Marker": "dt_2wjDZ&next",
             "MaxItems": 100}, "list-distribution-tenants-group")
    for page in ("list-distribution-tenants-page1", "list-distribution-tenants-page2"):
        expected(page)
