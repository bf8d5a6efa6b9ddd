"""A container credentials endpoint (ECS / EKS Pod Identity / CodeBuild): GET with the authorization token answers
``{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}``; a wrong token gets 401."""

from __future__ import annotations

import json

from .base import Answer, FakeEndpoint, Recorded


class ContainerCredentialsEndpoint(FakeEndpoint):
    PATH = "/v1/credentials"

    def __init__(self, authorization: str, credentials: dict[str, str]):
        self.authorization = authorization
        self.credentials = credentials
        super().__init__()

    @property
    def full_uri(self) -> str:
        return self.url + self.PATH

    def answer(self, request: Recorded) -> Answer:
        if request.method != "GET" or request.path != self.PATH:
            return Answer(404, b'{"code":"NotFound","message":"no such path"}')
        if request.headers.get("Authorization") != self.authorization:
            return Answer(401, b'{"code":"AccessDenied","message":"bad authorization token"}')
        return Answer(200, json.dumps(self.credentials).encode(), {"Content-Type": "application/json"})
