"""A tap in front of moto's STS: forwards each call, and hands the credentials STS issued to a callback (the tests
register them with the CloudFront stand-in before the binary uses them). It also checks AssumeRole's SigV4 signature
with botocore against the source keys it was told, and can answer an STS error instead of forwarding."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from typing import Callable
from urllib.parse import parse_qs

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from .base import Answer, FakeEndpoint, Recorded

STS_ERROR = """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>"""


def signature_ok(request: Recorded, secrets: dict[str, str], region: str) -> bool:
    """Re-sign with botocore over the headers the request named and compare (service ``sts``)."""
    authorization = request.headers.get("Authorization", "")
    if not authorization.startswith("AWS4-HMAC-SHA256 "):
        return False
    fields = dict(part.strip().split("=", 1) for part in authorization[len("AWS4-HMAC-SHA256 "):].split(","))
    key_id, _date, scope_region, service, _ = fields["Credential"].split("/")
    if key_id not in secrets or scope_region != region or service != "sts":
        return False
    names = fields["SignedHeaders"].split(";")
    lowered = {name.lower(): value for name, value in request.headers.items()}
    aws_request = AWSRequest(method=request.method, url=f"http://{lowered['host']}{request.path}", data=request.body,
                             headers={name: lowered[name] for name in names})
    aws_request.context["timestamp"] = lowered["x-amz-date"]
    signer = SigV4Auth(Credentials(key_id, secrets[key_id], lowered.get("x-amz-security-token")), "sts", region)
    signer.headers_to_sign = lambda _request: aws_request.headers  # exactly the signed headers
    expected = signer.signature(signer.string_to_sign(aws_request, signer.canonical_request(aws_request)),
                                aws_request)
    return expected == fields["Signature"]


class STSTap(FakeEndpoint):
    def __init__(self, upstream: str, on_credentials: Callable[[dict[str, str]], None],
                 source_keys: dict[str, str] | None = None, region: str = "us-east-1"):
        self.upstream = upstream
        self.on_credentials = on_credentials
        self.source_keys = source_keys or {}
        self.region = region
        self.fail_with: tuple[int, str, str] | None = None
        self.verdicts: list[tuple[str, bool | None]] = []
        super().__init__()

    def actions(self) -> list[str]:
        return [parse_qs(r.body.decode()).get("Action", [""])[0] for r in self.requests]

    def answer(self, request: Recorded) -> Answer:
        action = parse_qs(request.body.decode()).get("Action", [""])[0]
        signed = "Authorization" in request.headers
        self.verdicts.append((action, signature_ok(request, self.source_keys, self.region) if signed else None))
        if self.fail_with:
            status, code, message = self.fail_with
            return Answer(status, STS_ERROR.format(code=code, message=message).encode(), {"Content-Type": "text/xml"})
        forwarded = urllib.request.Request(
            self.upstream + "/", data=request.body, method="POST",
            headers={name: value for name, value in request.headers.items()
                     if name.lower() in ("content-type", "authorization", "x-amz-date", "x-amz-security-token")})
        try:
            with urllib.request.urlopen(forwarded, timeout=15) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        if status == 200:
            root = ElementTree.fromstring(body)
            found = {element.tag.split("}")[-1]: element.text for element in root.iter()}
            self.on_credentials({"access_key_id": found["AccessKeyId"], "secret_access_key": found["SecretAccessKey"],
                                 "session_token": found["SessionToken"]})
        return Answer(status, body, {"Content-Type": "text/xml"})
