"""GitHub Actions' ID token service: GET {ACTIONS_ID_TOKEN_REQUEST_URL}&audience=… with ``Authorization: bearer
{ACTIONS_ID_TOKEN_REQUEST_TOKEN}`` answers ``{"count": 1, "value": "<JWT>"}`` (what ``core.getIDToken`` reads)."""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs, urlsplit

from .base import Answer, FakeEndpoint, Recorded


def fake_jwt(claims: dict) -> str:
    """An unsigned JWT-shaped token (moto's STS does not check signatures)."""
    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk"


class GitHubTokenService(FakeEndpoint):
    def __init__(self, request_token: str, id_token: str):
        self.request_token = request_token
        self.id_token = id_token
        super().__init__()

    @property
    def request_url(self) -> str:
        return f"{self.url}/_apis/distributedtask/hubs/build/plans/p/jobs/j/idtoken?api-version=2.0"

    def audiences(self) -> list[str]:
        return [parse_qs(urlsplit(r.path).query).get("audience", [""])[0] for r in self.requests]

    def answer(self, request: Recorded) -> Answer:
        if request.method != "GET" or "/idtoken" not in request.path:
            return Answer(404, b'{"message":"not found"}')
        if request.headers.get("Authorization") != f"bearer {self.request_token}":
            return Answer(401, b'{"message":"bad request token"}')
        return Answer(200, json.dumps({"count": 1, "value": self.id_token}).encode(),
                      {"Content-Type": "application/json"})
