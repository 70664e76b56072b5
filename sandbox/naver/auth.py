"""Naver sandbox blueprint: GW error bodies, the bcrypt-signed OAuth2 token call, Bearer guard."""
from __future__ import annotations

import base64
import hmac
import secrets
import uuid

import bcrypt
from flask import Blueprint, jsonify, request

from ..common import install_guard, iso_kst, store

bp = Blueprint("sandbox_naver", __name__, url_prefix="/naver/external")
TOKEN_SECONDS = 10800
AUTHN_MESSAGE = "요청을 보낼 권한이 없습니다."   # the documented GW.AUTHN text


def error(status, code, message, invalid_inputs=None):
    codes = {401: "GW.AUTHN", 429: "GW.RATE_LIMIT", 504: "GW.TIMEOUT",
             500: "GW.INTERNAL_SERVER_ERROR", 503: "GW.PROXY"}
    body = {"code": codes.get(status, code) if status in codes else code, "message": message,
            "timestamp": iso_kst(store().now()), "traceId": uuid.uuid4().hex}
    if invalid_inputs:
        body["invalidInputs"] = invalid_inputs
    resp = jsonify(body)
    resp.status_code = status
    resp.headers["GNCP-GW-Trace-ID"] = body["traceId"]
    return resp


def canonical_salt(secret: str) -> bytes:
    """bcrypt ignores the low 4 bits of the salt's 22nd character; strict libraries reject them.

    Naver's own documented example secret ends in 'v', which Java/Node accept as 'u'.
    """
    alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    if len(secret) == 29 and secret[28] in alphabet:
        secret = secret[:28] + alphabet[alphabet.index(secret[28]) & 0x30]
    return secret.encode()


def authenticate():
    header = request.headers.get("Authorization", "")
    token = header[7:] if header.startswith("Bearer ") else ""
    row = store().one("select * from tokens where token=?", (token,)) if token else None
    if not row or row["expires_at"] < store().now():
        return error(401, "GW.AUTHN", AUTHN_MESSAGE)
    shop = store().shop(row["shop_id"])
    return shop if shop else error(401, "GW.AUTHN", AUTHN_MESSAGE)


install_guard(bp, "naver", authenticate, error, open_paths=("/v1/oauth2/token",))


@bp.post("/v1/oauth2/token")
def token():
    if request.mimetype != "application/x-www-form-urlencoded":
        return error(400, "InvalidContentType",
                     "Content-Type은 application/x-www-form-urlencoded 이어야 합니다.")
    f = request.form
    missing = [n for n in ("client_id", "timestamp", "client_secret_sign", "grant_type", "type")
               if not f.get(n)]
    if missing or f.get("grant_type") != "client_credentials":
        return error(400, "BadRequest", "요청 파라미터가 올바르지 않습니다.",
                     [{"name": n, "type": "NotNull", "message": "필수 값입니다."} for n in missing])
    shop = store().shop_by_key("naver", "client_id", f["client_id"])
    if shop is None:
        return error(401, "GW.AUTHN", AUTHN_MESSAGE)
    try:
        ts_ms = int(f["timestamp"])
    except ValueError:
        return error(400, "BadRequest", "timestamp 형식이 올바르지 않습니다.")
    if abs(ts_ms / 1000 - store().now()) > 300:
        return error(401, "GW.AUTHN", "timestamp가 유효 범위(5분)를 벗어났습니다.")
    expected = bcrypt.hashpw(f"{f['client_id']}_{f['timestamp']}".encode(),
                             canonical_salt(shop["keys"]["client_secret"]))
    try:
        given = base64.b64decode(f["client_secret_sign"],
                                 altchars=b"-_" if "-" in f["client_secret_sign"]
                                 or "_" in f["client_secret_sign"] else None)
    except ValueError:
        given = b""
    if not hmac.compare_digest(given, expected):
        return error(401, "GW.AUTHN", AUTHN_MESSAGE)
    if f["type"] == "SELLER" and f.get("account_id") != shop["keys"].get("account_id"):
        return error(403, "GW.AUTHZ", "판매자 계정 정보가 올바르지 않습니다.")
    now = store().now()
    row = store().one("select * from tokens where shop_id=? and expires_at>? order by expires_at "
                      "desc", (shop["id"], now + 1800))
    if row:   # documented: a token with more than 30 minutes left is returned again
        tok, expires = row["token"], row["expires_at"]
    else:
        tok, expires = secrets.token_urlsafe(24), now + TOKEN_SECONDS
        store().run("insert into tokens values(?,?,?)", (tok, shop["id"], expires))
    return jsonify(access_token=tok, expires_in=int(expires - now), token_type="Bearer")
