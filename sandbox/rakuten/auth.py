"""Rakuten sandbox blueprint: the ESA Authorization guard, its error shapes, license expiry."""
from __future__ import annotations

import base64
import binascii

from flask import Blueprint, g, jsonify, request

from ..common import fmt_kst, install_guard, store

bp = Blueprint("sandbox_rakuten", __name__, url_prefix="/rakuten/es")


def error(status, code, message):
    """The RMS gateway's own error body (e.g. 401 GA0001 Un-Authorised)."""
    resp = jsonify(errors={"errorCode": code, "errorMessage": message})
    resp.status_code = status
    return resp


def messages_error(status, code, message, **extra):
    """A 楽天ペイ受注API refusal: MessageModelList with messageType ERROR."""
    resp = jsonify(MessageModelList=[{"messageType": "ERROR", "messageCode": code,
                                      "message": message, **extra}])
    resp.status_code = status
    return resp


def authenticate():
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    try:
        secret, _, license_key = base64.b64decode(token, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        secret = license_key = ""
    if scheme != "ESA" or not secret or not license_key:
        return error(401, "GA0001", "Un-Authorised")
    shop = store().shop_by_key("rakuten", "service_secret", secret)
    if shop is None or shop["keys"].get("license_key") != license_key:
        return error(401, "GA0001", "Un-Authorised")
    expires = shop["keys"].get("license_expires_at")
    if expires is not None and expires < store().now():
        return error(401, "GA0001", "Un-Authorised")    # an expired licenseKey opens nothing
    return shop


install_guard(bp, "rakuten", authenticate, error)


@bp.get("/1.0/license-management/license-key/expiry-date")
def license_expiry():
    """license.expiryDate.get: the asked licenseKey's expiry, JST without an offset."""
    if request.args.get("licenseKey") != g.shop["keys"].get("license_key"):
        return error(400, "BAD_REQUEST", "licenseKey is invalid")
    expires = g.shop["keys"].get("license_expires_at") or store().now() + 90 * 86400
    return jsonify(expiryDate=fmt_kst(expires, "%Y-%m-%dT23:59:59"))
