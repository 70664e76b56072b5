"""ESM Trading API transport: an HS256 JWT per call (kid = master id, ssi = site:seller), JSON,
ResultCode answers."""
from __future__ import annotations

import time
import warnings

from flask_babel import gettext
import jwt
from jwt.warnings import InsecureKeyLengthWarning

from portal.channel_http import ChannelHttp, error_for
from portal.marketplaces import ChannelError, PermanentError

AUDIENCE = "sa.esmplus.com"      # "좌측 정보로 고정해서 사용"
ISSUER = "www.esmplus.com"       # the document's sample payload
SUBJECT = "sell"                 # "Sell API는 sell"
# "주문조회는 5초당 1회 호출 가능합니다. (단, 주문번호로 조회하는 경우 제한 없습니다.)"
ORDER_LIST_INTERVAL = 5.0


def token(master_id: str, secret_key: str, site: str, seller_id: str, issued_at: int) -> str:
    """The documented JWT: header {alg HS256, typ JWT, kid master id}, payload {iss, sub, aud,
    iat, ssi "A|G:seller"} signed with the Secret Key."""
    payload = {"iss": ISSUER, "sub": SUBJECT, "aud": AUDIENCE, "iat": issued_at,
               "ssi": f"{site}:{seller_id}"}
    with warnings.catch_warnings():
        # ESM issues the key; its length is theirs to choose (the document's sample has 24 bytes).
        warnings.simplefilter("ignore", InsecureKeyLengthWarning)
        return jwt.encode(payload, secret_key, algorithm="HS256",
                          headers={"kid": master_id, "typ": "JWT"})


def clean(message: str) -> str:
    """Business errors come as "ShowAlertException$…" or "8668$…"; the reason follows the '$'."""
    return (message or "").split("$", 1)[-1].strip()


def result_code(body) -> str:
    if not isinstance(body, dict):
        return "0"
    code = body.get("ResultCode", body.get("resultCode", 0))
    return "0" if code in (None, 0, "0") or str(code).lower() == "success" else str(code)


class EsmClient:
    def __init__(self, base_url: str, master_id: str, secret_key: str, site: str, seller_id: str,
                 http: ChannelHttp, account_key: str):
        self.base_url, self.http, self.account_key = base_url, http, account_key
        self.master_id, self.secret_key = master_id, secret_key
        self.site, self.seller_id = site, seller_id

    def pace_order_list(self):
        """Wait until 5 s have passed since this seller's last 주문조회 (the slot is kept with the call
        budgets, so every worker of the installation sees it)."""
        wait = self.http.budget.spacing_wait(self._order_list_key, ORDER_LIST_INTERVAL)
        if wait > 0:
            self.http.sleep(wait)

    def order_list_wait(self) -> float:
        """0 when a 주문조회 may go now (its slot is then taken), else the seconds until it may: a job
        comes back then instead of sleeping in a worker."""
        return self.http.budget.spacing_wait(self._order_list_key, ORDER_LIST_INTERVAL, only_if_free=True)

    @property
    def _order_list_key(self) -> str:
        return f"esm-order-list:{self.account_key}"

    def call(self, method: str, path: str, *, json=None, write: bool = False):
        bearer = token(self.master_id, self.secret_key, self.site, self.seller_id,
                       int(time.time()))
        resp = self.http.request(method, self.base_url + path, account_key=self.account_key,
                                 json=json, headers={"Authorization": f"Bearer {bearer}"},
                                 idempotent=None if not write else method in ("PUT",))
        try:
            body = resp.json()
        except ValueError:
            body = None
        if resp.status_code >= 400:
            data = body if isinstance(body, dict) else {}
            status = data.get("status") if isinstance(data.get("status"), dict) else {}
            text = status.get("message") or data.get("Message") or ""
            message = (gettext("ESM 인증에 실패했습니다 (%(text)s)", text=text) if resp.status_code in (401, 403)
                       else clean(text) or gettext("ESM 오류 (HTTP %(status)s)", status=resp.status_code))
            raise error_for(resp, message, str(data.get("ResultCode", "")), write=write)
        if body is None:
            raise ChannelError(gettext("ESM 응답(JSON)을 읽을 수 없습니다."), "BAD_RESPONSE")
        code = result_code(body)
        if code != "0":
            message = clean(body.get("Message") or body.get("message") or "") or \
                gettext("ESM 처리 실패 (ResultCode %(code)s)", code=code)
            raise PermanentError(message, body.get("BizRuleCode") or code)
        return body
