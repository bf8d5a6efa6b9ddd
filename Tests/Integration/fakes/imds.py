"""EC2 instance metadata, IMDSv2 only: PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds gives a
token; GETs need X-aws-ec2-metadata-token (401 without, as with ``HttpTokens: required``)."""

from __future__ import annotations

import json
import secrets

from .base import Answer, FakeEndpoint, Recorded

CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/"


class InstanceMetadataService(FakeEndpoint):
    def __init__(self, role: str, credentials: dict[str, str]):
        self.role = role
        self.credentials = credentials
        self.tokens: set[str] = set()
        super().__init__()

    def answer(self, request: Recorded) -> Answer:
        if request.path == "/latest/api/token":
            if request.method != "PUT":
                return Answer(405)
            ttl = request.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
            if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
                return Answer(400)
            token = "imds-" + secrets.token_urlsafe(24)
            self.tokens.add(token)
            return Answer(200, token.encode(), {"X-aws-ec2-metadata-token-ttl-seconds": ttl})
        if request.headers.get("X-aws-ec2-metadata-token") not in self.tokens:
            return Answer(401)
        if request.path == CREDENTIALS_PATH:
            return Answer(200, self.role.encode())
        if request.path == CREDENTIALS_PATH + self.role:
            document = {"Code": "Success", "LastUpdated": "2024-01-01T00:00:00Z", "Type": "AWS-HMAC",
                        **self.credentials}
            return Answer(200, json.dumps(document).encode())
        return Answer(404)
