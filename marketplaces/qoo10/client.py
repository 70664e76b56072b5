"""Qoo10 QAPI transport: form POSTs to <base>/<Class.Method> with GiosisCertificationKey and
QAPIVersion headers; answers are HTTP 200 with ResultCode (0 = success)."""
from __future__ import annotations

from flask_babel import gettext

from portal.channel_http import ChannelHttp, error_for
from portal.marketplaces import AuthError, ChannelError, PermanentError

VERSION = "1.0"
# -10000 "Please check the Seller Authorization Key", -90001 "The API does not exist" (what an
# unknown key gets), -90002/-90003 "You are not authorized for this", -90004/-90005 "Seller
# authorization key is expired".
AUTH_CODES = frozenset({"-10000", "-90001", "-90002", "-90003", "-90004", "-90005"})


class Qoo10Client:
    def __init__(self, base_url: str, http: ChannelHttp, account_key: str):
        self.base_url, self.http, self.account_key = base_url, http, account_key

    def call(self, method: str, key: str, params: dict | None = None, *,
             write: bool = False) -> dict:
        data = {"returnType": "application/json", **(params or {})}
        resp = self.http.request("POST", f"{self.base_url}/{method}", account_key=self.account_key,
                                 data=data, idempotent=not write,
                                 headers={"GiosisCertificationKey": key, "QAPIVersion": VERSION})
        try:
            body = resp.json()
        except ValueError:
            body = None
        if resp.status_code >= 400:
            raise error_for(resp, gettext("Qoo10 오류 (HTTP %(status)s)", status=resp.status_code), write=write)
        if not isinstance(body, dict):
            raise ChannelError(gettext("Qoo10 응답(JSON)을 읽을 수 없습니다."), "BAD_RESPONSE")
        # An unknown key is answered {"ErrorCode", "ErrorMsg"}; everything else
        # {"ResultCode", "ResultMsg"}.
        code = str(body.get("ResultCode", body.get("ErrorCode", 0)))
        if code == "0":
            return body
        text = body.get("ResultMsg") or body.get("ErrorMsg") or ""
        if code in AUTH_CODES:
            raise AuthError(gettext("Qoo10 인증에 실패했습니다 (%(text)s)", text=text), code)
        raise PermanentError(text or gettext("Qoo10 처리 실패 (ResultCode %(code)s)", code=code), code)
