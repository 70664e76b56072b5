"""ESM sandbox blueprint: the HS256 JWT guard (kid, aud, sub, ssi) and ESM's answer bodies."""
from __future__ import annotations

import warnings

import jwt
from jwt.warnings import InsecureKeyLengthWarning
from flask import Blueprint, g, jsonify, request

from ..common import install_guard, store

bp = Blueprint("sandbox_esm", __name__, url_prefix="/esm")
SITES = {"G": "gmarket", "A": "auction"}
DENIED = "The user does not have right access to the api"   # the documented 401 text


def error(status, code, message):
    if status in (401, 403):
        resp = jsonify(status={"message": message, "status_code": status})
    else:
        resp = jsonify(ResultCode=int(code) if str(code).isdigit() else code, Message=message,
                       Data=None)
    resp.status_code = status
    return resp


def result(code, message, data=None, biz=None, status=200):
    """ESM answers a refused business call with HTTP 200 and its ResultCode."""
    body = {"ResultCode": code, "Message": message, "Data": data}
    if biz is not None:
        body["BizRuleCode"] = biz
    resp = jsonify(body)
    resp.status_code = status
    return resp


def authenticate():
    raw = request.headers.get("Authorization", "")
    if not raw.startswith("Bearer "):
        return error(401, "401", DENIED)
    token = raw[len("Bearer "):]
    try:
        kid = jwt.get_unverified_header(token).get("kid", "")
    except jwt.PyJWTError:
        return error(401, "401", DENIED)
    for shop in store().shops():
        if shop["protocol"] != "esm" or shop["keys"].get("master_id") != kid:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", InsecureKeyLengthWarning)
                claims = jwt.decode(token, shop["keys"]["secret_key"], algorithms=["HS256"],
                                    audience="sa.esmplus.com")
        except jwt.PyJWTError:
            continue
        if claims.get("sub") != "sell":
            continue
        sellers = dict(part.split(":", 1) for part in str(claims.get("ssi", "")).split(",")
                       if ":" in part)
        site = {v: k for k, v in SITES.items()}.get(shop["channel"])   # gmarket G, auction A
        if site and sellers.get(site) == shop["keys"].get("seller_id"):
            return shop
    return error(401, "401", DENIED)


def site_type() -> int:
    """1 옥션, 2 G마켓: the number most calls take for the shop's site."""
    return 1 if g.shop["channel"] == "auction" else 2


install_guard(bp, "esm", authenticate, error)
