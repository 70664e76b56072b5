"""HTTP client of the sandbox's generic JSON protocol (X-Sandbox-Key header, /{channel}/v1/...)."""
from __future__ import annotations

from flask_babel import gettext

from portal.channel_http import ChannelHttp, error_for
from portal.marketplaces import PermanentError

KEY_HEADER = "X-Sandbox-Key"


class GenericClient:
    def __init__(self, base_url: str, channel: str, key: str, http: ChannelHttp, account_key: str):
        self.root = f"{base_url}/{channel}/v1"
        self.key = key
        self.http = http
        self.account_key = account_key

    def call(self, method: str, path: str, *, params=None, json=None, write: bool = False) -> dict:
        resp = self.http.request(method, self.root + path, account_key=self.account_key,
                                 params=params, json=json, headers={KEY_HEADER: self.key},
                                 idempotent=None if not write else method in ("PUT",))
        try:
            body = resp.json()
        except ValueError:
            body = {}
        if resp.status_code >= 400:
            err = body.get("error") if isinstance(body, dict) else None
            err = err if isinstance(err, dict) else {}
            raise error_for(resp, err.get("message") or gettext("제휴몰 오류 (HTTP %(status)s)", status=resp.status_code),
                            err.get("code", ""), write=write)
        if not isinstance(body, dict):
            raise PermanentError(gettext("제휴몰 응답 형식이 올바르지 않습니다."), "BAD_RESPONSE")
        return body
