"""11번가 sandbox address book: 출고지 / 반품·교환지 주소 조회 (apiSeq 1014, 1015).

A shop's book holds the sequences its keys name (addr_seq_out, addr_seq_in); a shop without them
has none. Names, addresses and numbers are the documents' example values.
"""
from __future__ import annotations

from flask import g

from .auth import bp
from .xmlio import NS, fields, xml


def _book(seq):
    rows = []
    if seq:
        rows.append("<ns2:inOutAddress>" + fields({
            "addr": "서울 중구 을지로1가 111", "addrNm": "본사", "addrSeq": seq,
            "gnrlTlphnNo": "02-1111-2222", "prtblTlphnNo": "010-3333-4444", "rcvrNm": "본사",
            "memNo": "10000000"}) + "</ns2:inOutAddress>")
    return xml(f'<ns2:inOutAddresss xmlns:ns2="{NS}">{"".join(rows)}'
               "<ns2:result_message>SUCCESS</ns2:result_message></ns2:inOutAddresss>")


@bp.get("/areaservice/outboundarea")
def outbound_area():
    return _book(g.shop["keys"].get("addr_seq_out"))


@bp.get("/areaservice/inboundarea")
def inbound_area():
    return _book(g.shop["keys"].get("addr_seq_in"))
