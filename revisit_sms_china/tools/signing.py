"""Request signatures of the Chinese SMS gateways, as their documentation
defines them. The test servers recompute them with the same functions from
the secret, so a change here that breaks the documented algorithm is caught
only by the known answers in the tests (``test_signing``)."""

import base64
import datetime
import hashlib
import hmac
from urllib.parse import quote


def aliyun_percent_encode(value):
    """RFC 3986 encoding of Aliyun's RPC style: unreserved characters kept,
    space as %20, ``~`` kept, everything else %XX in upper case."""
    return quote(str(value), safe="-_.~")


def aliyun_rpc_signature(params, secret, method="POST"):
    """Aliyun RPC signature v1 (HMAC-SHA1): the parameters but ``Signature``
    sorted and percent-encoded, ``METHOD&%2F&encoded(canonical query)`` signed
    with ``secret + "&"``, base64."""
    canonical = "&".join(
        f"{aliyun_percent_encode(key)}={aliyun_percent_encode(params[key])}"
        for key in sorted(params)
        if key != "Signature"
    )
    string_to_sign = (
        f"{method}&{aliyun_percent_encode('/')}&{aliyun_percent_encode(canonical)}"
    )
    digest = hmac.new(
        f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode()


def _hmac_sha256(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def tencent_tc3_authorization(
    secret_id, secret_key, host, payload, timestamp, service="sms"
):
    """Tencent Cloud API 3.0 ``TC3-HMAC-SHA256`` Authorization header of a
    JSON POST to ``/`` signing the ``content-type`` and ``host`` headers."""
    day = _utc_day(timestamp)
    signed_headers = "content-type;host"
    canonical_request = "\n".join(
        [
            "POST",
            "/",
            "",
            f"content-type:application/json; charset=utf-8\nhost:{host}\n",
            signed_headers,
            hashlib.sha256(payload.encode()).hexdigest(),
        ]
    )
    scope = f"{day}/{service}/tc3_request"
    string_to_sign = "\n".join(
        [
            "TC3-HMAC-SHA256",
            str(timestamp),
            scope,
            hashlib.sha256(canonical_request.encode()).hexdigest(),
        ]
    )
    secret_date = _hmac_sha256(f"TC3{secret_key}".encode(), day)
    secret_service = _hmac_sha256(secret_date, service)
    secret_signing = _hmac_sha256(secret_service, "tc3_request")
    signature = hmac.new(
        secret_signing, string_to_sign.encode(), hashlib.sha256
    ).hexdigest()
    return (
        f"TC3-HMAC-SHA256 Credential={secret_id}/{scope}, "
        f"SignedHeaders={signed_headers}, Signature={signature}"
    )


def _utc_day(timestamp):
    return datetime.datetime.fromtimestamp(int(timestamp), datetime.UTC).strftime(
        "%Y-%m-%d"
    )
