#!/usr/bin/env python3
"""The loop a user would write with boto3 to invalidate every tenant of a multi-tenant distribution.

List the tenants (all pages), create one invalidation per tenant, then poll until every one is Completed, with
botocore's adaptive retry mode (client-side rate limiting that adapts to throttling). Used by bench_tenants.py as
the peer of `cloudfront-invalidate --tenants-of`.

    python3 bench/boto3_tenant_loop.py DISTRIBUTION_ID PATH [--attempts 10]
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid

import boto3
from botocore.config import Config


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("distribution")
    parser.add_argument("path")
    parser.add_argument("--attempts", type=int, default=10, help="botocore max_attempts (adaptive mode)")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    client = boto3.client("cloudfront", config=Config(retries={"mode": "adaptive", "max_attempts": args.attempts}))

    tenants: list[str] = []
    marker = None
    for _ in range(10_000):
        kwargs = {"AssociationFilter": {"DistributionId": args.distribution}, "MaxItems": 100}
        if marker:
            kwargs["Marker"] = marker
        page = client.list_distribution_tenants(**kwargs)
        tenants += [t["Id"] for t in page.get("DistributionTenantList", []) if t.get("Enabled", True)]
        marker = page.get("NextMarker")
        if not marker:
            break

    run = uuid.uuid4().hex[:12]
    pending: dict[str, str] = {}
    for tenant in tenants:
        answer = client.create_invalidation_for_distribution_tenant(
            Id=tenant, InvalidationBatch={"Paths": {"Quantity": 1, "Items": [args.path]},
                                          "CallerReference": f"loop-{run}-{tenant}"})
        pending[tenant] = answer["Invalidation"]["Id"]

    deadline = time.monotonic() + args.timeout
    while pending and time.monotonic() < deadline:
        done = 0
        for tenant, invalidation in list(pending.items()):
            answer = client.get_invalidation_for_distribution_tenant(DistributionTenantId=tenant, Id=invalidation)
            if answer["Invalidation"]["Status"] == "Completed":
                del pending[tenant]
                done += 1
        if pending and done == 0:
            time.sleep(2)
    print(f"{len(tenants)} tenants, {len(pending)} not completed", file=sys.stderr)
    return 0 if not pending else 124


if __name__ == "__main__":
    sys.exit(main())
