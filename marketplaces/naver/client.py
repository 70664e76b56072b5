"""Naver Commerce API transport: bcrypt-signed OAuth2 token, Bearer calls, error shape."""
from __future__ import annotations

import base64
import threading
import time

import bcrypt
from flask_babel import gettext as _

from portal.channel_http import ChannelHttp, error_for
from portal.marketplaces import AuthError, ChannelError

BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_TOKENS: dict[tuple, tuple[str, float]] = {}
_TOKEN_LOCK = threading.Lock()


def canonical_salt(client_secret: str) -> bytes:
    """bcrypt uses only the top 2 bits of the salt's last character; Python's bcrypt rejects others.

    Naver's documented example secret ends in 'v' (Java/Node read it as 'u'); normalizing keeps
    the signature identical to theirs.
    """
    if len(client_secret) == 29 and client_secret[28] in BCRYPT_ALPHABET:
        last = BCRYPT_ALPHABET[BCRYPT_ALPHABET.index(client_secret[28]) & 0x30]
        client_secret = client_secret[:28] + last
    return client_secret.encode()


def client_secret_sign(client_id: str, client_secret: str, timestamp_ms: int) -> str:
    """base64(bcrypt(client_id + "_" + timestamp, salt=client_secret)), per the 전자서명 guide."""
    try:
        hashed = bcrypt.hashpw(f"{client_id}_{timestamp_ms}".encode(),
                               canonical_salt(client_secret))
    except ValueError:
        raise AuthError(_("애플리케이션 시크릿 형식이 올바르지 않습니다. 커머스API센터에서 발급받은 "
                        "값을 그대로 입력해 주세요."), "INVALID_SECRET") from None
    return base64.standard_b64encode(hashed).decode()


def error_message(resp) -> tuple[str, str]:
    try:
        body = resp.json()
    except ValueError:
        return _("스마트스토어 오류 (HTTP %(status)s)", status=resp.status_code), ""
    message = body.get("message") or _("스마트스토어 오류 (HTTP %(status)s)", status=resp.status_code)
    inputs = body.get("invalidInputs") or []
    if inputs:
        message += " (" + ", ".join(f"{i.get('name')}: {i.get('message')}" for i in inputs) + ")"
    return message, str(body.get("code", ""))


class NaverClient:
    def __init__(self, base_url: str, client_id: str, client_secret: str, account_id: str,
                 http: ChannelHttp, account_key: str, clock=time.time):
        self.base_url, self.client_id, self.client_secret = base_url, client_id, client_secret
        self.account_id, self.http = account_id, http
        self.account_key, self.clock = account_key, clock

    @property
    def app_budget(self) -> tuple[str, ...]:
        """Naver limits per API and per authenticated application: the app's own budget too."""
        return (f"naver-app:{self.client_id}",)

    @property
    def _cache_key(self):
        return (self.base_url, self.client_id, self.account_id)

    def token(self, force: bool = False) -> str:
        with _TOKEN_LOCK:
            cached = _TOKENS.get(self._cache_key)
            if cached and not force and cached[1] > time.monotonic() + 60:
                return cached[0]
        timestamp = int(self.clock() * 1000)
        form = {"client_id": self.client_id, "timestamp": str(timestamp),
                "grant_type": "client_credentials",
                "client_secret_sign": client_secret_sign(self.client_id, self.client_secret,
                                                         timestamp),
                "type": "SELLER" if self.account_id else "SELF"}
        if self.account_id:
            form["account_id"] = self.account_id
        # Asking for a token twice is harmless, so it may be retried like a read.
        resp = self.http.request("POST", self.base_url + "/v1/oauth2/token",
                                 account_key=self.account_key, budget_keys=self.app_budget,
                                 data=form, idempotent=True)
        if resp.status_code != 200:
            message, code = error_message(resp)
            err = error_for(resp, message, code)
            raise AuthError(err.message_ko, code,
                            http_status=resp.status_code) if resp.status_code < 500 else err
        body = resp.json()
        with _TOKEN_LOCK:
            _TOKENS[self._cache_key] = (body["access_token"],
                                        time.monotonic() + int(body.get("expires_in", 0)))
        return body["access_token"]

    def call(self, method: str, path: str, *, params=None, json=None, files=None, write: bool = False,
             idempotent: bool | None = None):
        """Send with the Bearer token; on 401 GW.AUTHN renew it once (the documented fallback).

        A write is repeated after a lost answer only when it is a PUT or said to be idempotent.
        """
        if idempotent is None:
            idempotent = None if not write else method == "PUT"
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self.token(force=attempt == 2)}"}
            resp = self.http.request(method, self.base_url + path, account_key=self.account_key,
                                     budget_keys=self.app_budget, params=params, json=json,
                                     files=files, headers=headers, idempotent=idempotent)
            if resp.status_code == 401 and attempt == 1:
                continue
            break
        if resp.status_code >= 400:
            message, code = error_message(resp)
            raise error_for(resp, message, code, write=write)
        if resp.status_code == 204 or not resp.content:
            return None
        try:
            return resp.json()
        except ValueError:
            raise ChannelError(_("스마트스토어 응답 형식이 올바르지 않습니다."),
                               "BAD_RESPONSE") from None
