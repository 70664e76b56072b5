"""Coupang WING Open API transport: API roots, CEA HMAC-SHA256 signing, JSON calls, error shape."""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timezone
from urllib.parse import urlencode

from flask_babel import gettext as _

from portal.i18n import N_
from portal.channel_http import ChannelHttp, error_for
from portal.marketplaces import ChannelError

from .mapping import channel_text

OPENAPI = "/v2/providers/openapi/apis/api"
# Error texts the WING documents publish, in the seller's words (PROTOCOL.md names each source).
MESSAGES_KO = {
    "endTime-startTime range should less than31.": N_("조회 기간은 최대 31일입니다."),
    "Invalid vendor ID": N_("업체코드(Vendor ID)가 올바르지 않습니다."),
}
SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"


def signed_date(now: datetime) -> str:
    """UTC, two-digit year: yyMMdd'T'HHmmss'Z'."""
    return now.astimezone(timezone.utc).strftime("%y%m%dT%H%M%SZ")


def authorization(access_key: str, secret_key: str, method: str, path: str, query: str,
                  now: datetime) -> str:
    """Authorization header value; `query` is the exact query string sent, without '?'."""
    date = signed_date(now)
    message = f"{date}{method.upper()}{path}{query}"
    signature = hmac.new(secret_key.encode(), message.encode(), hashlib.sha256).hexdigest()
    return (f"CEA algorithm=HmacSHA256, access-key={access_key}, signed-date={date}, "
            f"signature={signature}")


class CoupangClient:
    def __init__(self, base_url: str, vendor_id: str, access_key: str, secret_key: str,
                 http: ChannelHttp, account_key: str, now):
        self.base_url, self.vendor_id = base_url, vendor_id
        self.access_key, self.secret_key = access_key, secret_key
        self.http, self.account_key, self.now = http, account_key, now

    def call(self, method: str, path: str, *, params: dict | None = None, json=None,
             write: bool = False, idempotent: bool | None = None) -> dict:
        # Encode the query once and send exactly that string, so the signature covers what is sent.
        query = urlencode({k: v for k, v in (params or {}).items() if v is not None})
        url = self.base_url + path + (f"?{query}" if query else "")
        headers = {"Authorization": authorization(self.access_key, self.secret_key, method, path,
                                                  query, self.now()),
                   "X-Requested-By": self.vendor_id,
                   "Content-Type": "application/json;charset=UTF-8"}
        if idempotent is None:
            idempotent = not write
        resp = self.http.request(method, url, account_key=self.account_key, json=json,
                                 headers=headers, idempotent=idempotent)
        try:
            body = resp.json()
        except ValueError:
            body = {}
        if resp.status_code >= 400:
            message = body.get("message") if isinstance(body, dict) else None
            message = channel_text(message)
            message = _(MESSAGES_KO[message]) if message in MESSAGES_KO else message
            raise error_for(resp, message or _("쿠팡 오류 (HTTP %(status)s)", status=resp.status_code),
                            str(body.get("code", "")) if isinstance(body, dict) else "",
                            write=write)
        if not isinstance(body, dict):
            raise ChannelError(_("쿠팡 응답 형식이 올바르지 않습니다."), "BAD_RESPONSE")
        return body
