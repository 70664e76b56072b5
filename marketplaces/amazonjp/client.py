"""Amazon SP-API transport: Amazon's own SDK (amzn-sp-api) builds every call and keeps the LWA
token; its HTTP goes through the portal's ChannelHttp (call budget, retries, call log)."""
from __future__ import annotations

import functools
import json
import logging
import time
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

from flask_babel import gettext

from portal.channel_http import ChannelHttp, error_for
from portal.marketplaces import AuthError

LWA_ENDPOINT = "https://api.amazon.com/auth/o2/token"


@functools.cache
def sdk() -> SimpleNamespace:
    """Amazon's SDK, imported on first use: it loads every SP-API model (a second or more), and
    its modules call logging.basicConfig at import, which must not configure the portal's logs."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from spapi import ApiClient, Configuration
    from spapi.api.listings_items_v2021_08_01.listings_api import ListingsApi
    from spapi.api.orders_v0.orders_v0_api import OrdersV0Api
    from spapi.api.sellers_v1.sellers_api import SellersApi
    from spapi.api.tokens_v2021_03_01.tokens_api import TokensApi
    from spapi.auth.lwa_request import AccessTokenCache
    root.handlers[:], root.level = handlers, level
    return SimpleNamespace(ApiClient=ApiClient, Configuration=Configuration,
                           ListingsApi=ListingsApi, OrdersV0Api=OrdersV0Api,
                           SellersApi=SellersApi, TokensApi=TokensApi,
                           LwaTokens=type("LwaTokens", (LwaTokensMixin, AccessTokenCache), {}))
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def errors_text(body) -> tuple[str, str]:
    """SP-API ErrorList {errors: [{code, message, details}]}; LWA {error, error_description}."""
    if isinstance(body, dict) and isinstance(body.get("errors"), list) and body["errors"]:
        first = body["errors"][0]
        return (" / ".join(e.get("message", "") for e in body["errors"]), first.get("code", ""))
    if isinstance(body, dict) and body.get("error"):
        return body.get("error_description", ""), str(body["error"])
    return "", ""


def _json(resp) -> dict:
    try:
        return resp.json() if resp.content else {}
    except ValueError:
        return {}


class Answer:
    """What the SDK expects back from its REST client (status, reason, data, headers)."""

    def __init__(self, resp):
        self.status, self.reason = resp.status_code, resp.reason
        self.data = resp.text
        self._headers = resp.headers

    def getheaders(self):
        return self._headers

    def getheader(self, name, default=None):
        return self._headers.get(name, default)

    def json(self) -> dict:
        return json.loads(self.data) if self.data else {}


class ChannelRest:
    """The SDK's REST client, replaced: sends with ChannelHttp and turns errors into ours."""

    def __init__(self, http: ChannelHttp, account_key: str):
        self.http, self.account_key = http, account_key

    def request(self, method, url, query_params=None, headers=None, body=None, post_params=None,
                _preload_content=True, _request_timeout=None):
        if query_params:
            url += ("&" if urlsplit(url).query else "?") + urlencode(query_params)
        data = json.dumps(body) if body is not None else None
        resp = self.http.request(method, url, account_key=self.account_key, data=data,
                                 headers=dict(headers or {}), idempotent=method not in WRITES)
        if resp.status_code >= 400:
            text, code = errors_text(_json(resp))
            message = text or gettext("Amazon 오류 (HTTP %(status)s)", status=resp.status_code)
            if resp.status_code in (401, 403) and code in ("Unauthorized", "InvalidInput", ""):
                message = gettext("Amazon SP-API가 요청을 허가하지 않았습니다. 앱 권한(역할)과 "
                                  "판매자 승인을 확인해 주세요. (%(message)s)", message=message)
            raise error_for(resp, message, code, write=method in WRITES)
        return Answer(resp)

    def __getattr__(self, verb):
        if verb not in ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"):
            raise AttributeError(verb)

        def send(url, **kwargs):
            return self.request(verb, url, **kwargs)
        return send


class LwaTokensMixin:
    """Over the SDK's Login with Amazon token cache: the token request goes via ChannelHttp."""

    def __init__(self, http: ChannelHttp, account_key: str, **kwargs):
        super().__init__(**kwargs)
        self.http, self.account_key = http, account_key

    def request_new_token(self, client_id, client_secret, refresh_token, grant_type, scope,
                          oauth_endpoint):
        self.validate_token_request(grant_type, refresh_token, scope)
        data = self.prepare_token_request_data(client_id, client_secret, refresh_token,
                                               grant_type, scope)
        resp = self.http.request("POST", oauth_endpoint, account_key=self.account_key, data=data,
                                 idempotent=True)
        body = _json(resp)
        if resp.status_code >= 400 or not body.get("access_token"):
            text, code = errors_text(body)
            if resp.status_code in (400, 401, 403):
                raise AuthError(gettext("Login with Amazon 인증에 실패했습니다. LWA 클라이언트 ID·보안 암호와 "
                                "리프레시 토큰을 확인해 주세요.") + (f" ({code})" if code else ""),
                                code or "LWA", http_status=resp.status_code)
            raise error_for(resp, text or gettext("Login with Amazon 토큰을 받지 못했습니다."), code)
        body["expires_at"] = time.time() + int(body.get("expires_in") or 3600) - 30
        self.token_info = body
        return body["access_token"]


class FixedToken:
    """A restricted data token in place of the LWA token, for the calls it was issued for."""

    def __init__(self, token: str):
        self.token = token

    def get_lwa_access_token(self):
        return self.token


def api_client(base_url: str, token_source, http: ChannelHttp, account_key: str):
    configuration = sdk().Configuration()
    configuration.host = base_url
    configuration.access_token_cache = token_source
    client = sdk().ApiClient(configuration=configuration)   # asks for the token right away
    client.rest_client = ChannelRest(http, account_key)
    return client


class SpApi:
    """The SDK's APIs this adapter uses, over one LWA token cache per adapter instance."""

    def __init__(self, base_url: str, lwa_endpoint: str, credentials: dict, http: ChannelHttp,
                 account_key: str):
        self.base_url, self.http, self.account_key = base_url, http, account_key
        self.tokens = sdk().LwaTokens(http, account_key, client_id=credentials["lwa_client_id"],
                                client_secret=credentials["lwa_client_secret"],
                                refresh_token=credentials["refresh_token"],
                                oauth_endpoint=lwa_endpoint, max_retries=0)
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = api_client(self.base_url, self.tokens, self.http, self.account_key)
        return self._client

    def orders(self, restricted_token: str | None = None):
        if restricted_token:
            return sdk().OrdersV0Api(api_client(self.base_url, FixedToken(restricted_token),
                                                self.http, self.account_key))
        return sdk().OrdersV0Api(self.client)

    def tokens_api(self):
        return sdk().TokensApi(self.client)

    def listings(self):
        return sdk().ListingsApi(self.client)

    def sellers(self):
        return sdk().SellersApi(self.client)
