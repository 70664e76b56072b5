"""11번가 sandbox blueprint: openapikey header guard and its error codes."""
from __future__ import annotations

from flask import Blueprint, request

from ..common import install_guard, store
from .xmlio import result

bp = Blueprint("sandbox_11st", __name__, url_prefix="/11st/rest")


def error(status, code, message):
    codes = {401: "-1", 429: "004", 500: "-999", 503: "-999", 504: "-998"}
    return result(codes.get(status, code), message, status)


def authenticate():
    shop = store().shop_by_key("11st", "openapikey", request.headers.get("openapikey", ""))
    return shop or error(401, "-1", "유효하지 않은 OPEN API KEY 입니다.")


install_guard(bp, "11st", authenticate, error)
