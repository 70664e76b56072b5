"""11번가 sandbox XML: EUC-KR envelopes, result codes, field lists and reading request bodies."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from flask import Response, request

NS = "http://skt.tmall.business.openapi.spring.service.client.domain/"


def xml(body: str, status: int = 200) -> Response:
    document = '<?xml version="1.0" encoding="euc-kr" standalone="yes"?>' + body
    data = document.encode("euc-kr", "xmlcharrefreplace")
    return Response(data, status=status, content_type="text/xml;charset=EUC-KR")


def fields(d: dict) -> str:
    return "".join(f"<{k}>{escape(str(v if v is not None else ''))}</{k}>" for k, v in d.items())


def result(code, text, status=200, root="ns2:result"):
    return xml(f'<{root} xmlns:ns2="{NS}"><result_code>{code}</result_code>'
               f'<result_text>{escape(text)}</result_text></{root}>', status)


def orders_envelope(orders: list[str]) -> Response:
    """<ns2:orders> around rendered <ns2:order> elements; an empty list is result code 0."""
    if not orders:
        return xml(f'<ns2:orders xmlns:ns2="{NS}"><ns2:result_code>0</ns2:result_code>'
                   f'<ns2:result_text>조회된 데이터가 없습니다.</ns2:result_text></ns2:orders>')
    return xml(f'<ns2:orders xmlns:ns2="{NS}">{"".join(orders)}</ns2:orders>')


def read_body():
    raw = request.get_data()
    try:
        return ET.fromstring(raw.decode("euc-kr").split("?>", 1)[-1])
    except (UnicodeDecodeError, ET.ParseError):
        return None


def client_message(product_no, message, code):
    body = fields({"productNo": product_no, "message": message, "resultCode": code})
    return xml(f"<ClientMessage>{body}</ClientMessage>")
