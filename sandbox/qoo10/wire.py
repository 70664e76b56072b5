"""Qoo10 sandbox answer shapes: {ResultCode, ResultMsg, ResultObject} and the form's fields."""
from __future__ import annotations

from flask import jsonify, request

from ..common import parse_time


def answer(code=0, message="SUCCESS", obj=None):
    return jsonify(ResultCode=code, ResultMsg=message, ResultObject=obj)


def error(status, code, message):
    resp = answer(-999 if status >= 500 else -1, message)
    resp.status_code = status
    return resp


def form(name) -> str:
    return (request.form.get(name) or "").strip()


def day(value: str):
    """yyyyMMdd or yyyyMMddHHmmss (KST = JST)."""
    if len(value) == 14:
        value = f"{value[:4]}-{value[4:6]}-{value[6:8]}T{value[8:10]}:{value[10:12]}:{value[12:]}"
    return parse_time(value)
