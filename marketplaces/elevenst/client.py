"""11번가 Seller Open API transport: openapikey header, EUC-KR XML both ways, result_code errors."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from flask_babel import gettext as _

from portal.channel_http import ChannelHttp, error_for
from portal.marketplaces import ChannelError, PermanentError


# <ClientMessage><resultCode>: 200 일반상품 성공, 210 신규상품 성공 (product register, apiSeq 1003).
CLIENT_MESSAGE_OK = frozenset({"200", "210"})


def decode(raw: bytes) -> str:
    """11번가 answers EUC-KR; cp949 is its superset; expat cannot read multi-byte legacy codecs."""
    text = raw.decode("cp949", errors="replace")
    return text.split("?>", 1)[1] if text.lstrip().startswith("<?xml") else text


def strip_ns(root: ET.Element) -> ET.Element:
    for el in root.iter():
        if "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
        elif ":" in el.tag:
            el.tag = el.tag.split(":", 1)[1]
    return root


def parse(raw: bytes) -> ET.Element:
    try:
        return strip_ns(ET.fromstring(decode(raw)))
    except ET.ParseError:
        raise ChannelError(_("11번가 응답(XML)을 읽을 수 없습니다."), "BAD_RESPONSE") from None


def to_xml(tag: str, fields: dict) -> bytes:
    body = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in fields.items())
    document = f'<?xml version="1.0" encoding="euc-kr"?><{tag}>{body}</{tag}>'
    return document.encode("euc-kr", "xmlcharrefreplace")


def rows(root: ET.Element, tag: str) -> list[dict]:
    """Repeated elements as dicts; one row or many look the same to callers."""
    return [{child.tag: (child.text or "") for child in el} for el in root.iter(tag)]


class ElevenstClient:
    def __init__(self, base_url: str, key: str, http: ChannelHttp, account_key: str):
        self.base_url, self.key, self.http, self.account_key = base_url, key, http, account_key

    def call(self, method: str, path: str, *, body: bytes | None = None,
             write: bool = False) -> ET.Element:
        headers = {"openapikey": self.key}
        if body is not None:   # body-less GETs must not carry a Content-Type (415 on some services)
            headers["Content-Type"] = "text/xml;charset=EUC-KR"
        # 11번가 writes are GETs too (reqpackaging, reqdelivery): never let those be resent blindly.
        resp = self.http.request(method, self.base_url + path, account_key=self.account_key,
                                 data=body, headers=headers, idempotent=not write)
        root = parse(resp.content) if resp.content else ET.Element("empty")
        code = root.findtext("result_code") or ""
        text = root.findtext("result_text") or root.findtext("message") or ""
        if resp.status_code >= 400:
            raise error_for(resp, text or _("11번가 오류 (HTTP %(status)s)", status=resp.status_code), code,
                            write=write)
        if code and code != "0":
            # 0 is the only success a result_code documents for the calls we make; negative
            # codes and positive ones alike (e.g. 500 비지니스 Error) are refusals.
            raise PermanentError(text or _("11번가가 요청을 거부했습니다."), code)
        result = root.findtext("resultCode")
        if result and result not in CLIENT_MESSAGE_OK:
            raise PermanentError(root.findtext("message") or _("11번가가 요청을 거부했습니다."),
                                 result)
        return root
