"""Coupang sandbox blueprint: CEA HMAC-SHA256 authentication guard and the WING JSON envelopes."""
from __future__ import annotations

import hashlib
import hmac
import re
import time
import uuid
from calendar import timegm

from flask import Blueprint, jsonify, request

from ..common import install_guard, store

PREFIX = "/coupang"
bp = Blueprint("sandbox_coupang", __name__, url_prefix=PREFIX)
OPENAPI = "/v2/providers/openapi/apis/api"
SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"
SKEW_SECONDS = 300
AUTH_RE = re.compile(r"^CEA algorithm=HmacSHA256, access-key=([^,\s]+), "
                     r"signed-date=(\d{6}T\d{6}Z), "
                     r"signature=([0-9a-f]{64})$")


def error(status, code, message):
    resp = jsonify(code="ERROR", message=message, transactionId=uuid.uuid4().hex)
    resp.status_code = status
    resp.headers["X-Coupang-Transaction-Id"] = resp.get_json()["transactionId"]
    return resp


def authenticate():
    header = request.headers.get("Authorization", "")
    if not header.startswith("CEA "):
        return error(401, "ERROR", "Request is not authorized.")
    match = AUTH_RE.match(header)
    if not match:
        return error(401, "ERROR", "HMAC format is invalid.")
    access_key, signed_date, signature = match.groups()
    shop = store().shop_by_key("coupang", "access_key", access_key)
    if shop is None:
        return error(401, "ERROR", "Unknown error occurred.")
    signed_at = timegm(time.strptime(signed_date, "%y%m%dT%H%M%SZ"))
    if abs(signed_at - store().now()) > SKEW_SECONDS:
        return error(401, "ERROR", "Specified signature is expired.")
    # Coupang signs the path as the client sent it (without our mount prefix) and the raw query.
    path = request.path[len(PREFIX):]
    message = signed_date + request.method + path + request.query_string.decode()
    expected = hmac.new(shop["keys"]["secret_key"].encode(), message.encode(),
                        hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return error(401, "ERROR", "Invalid signature.")
    # The single call-center inquiry is read at /vendors/callCenterInquiries/{id}: no vendor id there.
    vendor = re.search(r"/vendors/(?!callCenterInquiries/)([^/]+)/", path)
    vendor_id = vendor.group(1) if vendor else request.args.get("vendorId")
    if vendor_id and vendor_id != shop["keys"]["vendor_id"]:
        return error(403, "ERROR", "Request is not authorized.")
    return shop


install_guard(bp, "coupang", authenticate, error)


def ok(data=None, **extra):
    return jsonify(code=200, message="OK", data=data, **extra)
