"""Rakuten RMS transport: ESA authorization, JSON both ways, MessageModelList and error bodies."""
from __future__ import annotations

import base64

from flask_babel import gettext

from portal.channel_http import ChannelHttp, error_for
from portal.marketplaces import AuthError, ChannelError

JSON = "application/json; charset=utf-8"


def esa(service_secret: str, license_key: str) -> str:
    """`Authorization: ESA Base64(serviceSecret:licenseKey)` (RMS WEB SERVICE, every API)."""
    token = base64.b64encode(f"{service_secret}:{license_key}".encode("utf-8")).decode("ascii")
    return f"ESA {token}"


def messages(body) -> list[dict]:
    """The 楽天ペイ受注API MessageModelList of an answer ([] when there is none)."""
    return list((body or {}).get("MessageModelList") or []) if isinstance(body, dict) else []


def error_text(body) -> tuple[str, str]:
    """(message, code) of an error answer in any of the RMS shapes.

    受注API: MessageModelList[{messageType: ERROR, messageCode, message}];
    問い合わせ管理API: {error: {code, message}}; 在庫API: {errors: [{code, message}]};
    the gateway itself: {errors: {errorCode, errorMessage}} (e.g. GA0001 Un-Authorised).
    """
    if not isinstance(body, dict):
        return "", ""
    errs = [m for m in messages(body) if m.get("messageType") == "ERROR"]
    if errs:
        return " / ".join(m.get("message", "") for m in errs), errs[0].get("messageCode", "")
    err = body.get("error")
    if isinstance(err, dict):
        return err.get("message", ""), str(err.get("code", ""))
    errs = body.get("errors")
    if isinstance(errs, list) and errs:
        return " / ".join(e.get("message", "") for e in errs), str(errs[0].get("code", ""))
    if isinstance(errs, dict):
        return errs.get("errorMessage", ""), str(errs.get("errorCode", ""))
    return "", ""


class RakutenClient:
    def __init__(self, base_url: str, authorization: str, http: ChannelHttp, account_key: str):
        self.base_url, self.authorization = base_url, authorization
        self.http, self.account_key = http, account_key

    def call(self, method: str, path: str, *, json=None, params=None, write: bool = False,
             keep_messages: bool = False):
        """keep_messages: a 400 whose MessageModelList answers per orderNumber is returned, not
        raised, so that each order of a batch gets its own outcome."""
        headers = {"Authorization": self.authorization, "Content-Type": JSON}
        # Every 受注API call is a POST, reads included: reads may be repeated, writes never blindly.
        resp = self.http.request(method, self.base_url + path, account_key=self.account_key,
                                 json=json, params=params, headers=headers,
                                 idempotent=not write)
        try:
            body = resp.json() if resp.content else {}
        except ValueError:
            body = {}
            if resp.status_code < 400:
                raise ChannelError(gettext("라쿠텐 응답(JSON)을 읽을 수 없습니다."), "BAD_RESPONSE") from None
        if resp.status_code == 400 and keep_messages and any(
                m.get("orderNumber") for m in messages(body)):
            return body
        if resp.status_code >= 400:
            text, code = error_text(body)
            if resp.status_code == 401 or code == "GA0001":
                raise AuthError(gettext("라쿠텐 RMS 인증에 실패했습니다. serviceSecret과 licenseKey(90일마다 "
                                "갱신)를 확인해 주세요.") + (f" ({text})" if text else ""),
                                code or "AUTH", http_status=resp.status_code)
            raise error_for(resp, text or gettext("라쿠텐 오류 (HTTP %(status)s)", status=resp.status_code), code,
                            write=write)
        return body
