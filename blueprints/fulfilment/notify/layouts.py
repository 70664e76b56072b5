"""Tracking-upload files of file-imported orders, one per channel: the rows a channel's own 일괄 배송통지 upload
reads. channel_tracking_file(channel, rows) is the one entry point; a channel without its own layout here gets
the plain one (주문번호, 장바구니번호, 택배사, 송장번호, 접수번호).

Qoo10 (QSM 엑셀일괄발송): the manual quotes QSM's rule that the file must hold 주문번호, 택배사, 송장번호 and
주문국가; the per-channel layouts of the order-file work (Rakuten 発送完了報告データ, Amazon shipping
confirmation) replace the plain layout for their channels when they land.
"""
from dataclasses import dataclass

from flask_babel import gettext as _

from portal.i18n import N_, ko


@dataclass(frozen=True)
class Layout:
    filename: str
    headers: list
    row: object  # (shipment, order) -> list


# The headers are read back by the channel's tracking-number upload: they stay Korean (ko); the file names are
# translated when the file is made.
PLAIN = Layout(N_("송장번호_%(channel)s.xlsx"), [ko("주문번호"), ko("장바구니번호"), ko("택배사"), ko("송장번호"), ko("접수번호")],
               lambda s, o: [o.order_no, o.cart_no, s.intl_carrier, s.intl_tracking_no, s.receipt_no])
LAYOUTS = {
    "qoo10jp": Layout(N_("Qoo10_송장번호_업로드.xlsx"), [ko("주문번호"), ko("택배사"), ko("송장번호"), ko("주문국가")],
                      lambda s, o: [o.order_no, s.intl_carrier, s.intl_tracking_no, s.country]),
}


def channel_tracking_file(channel: str, rows) -> tuple[str, list, list]:
    """(download name, headers, rows) of the channel's tracking-upload file."""
    layout = LAYOUTS.get(channel, PLAIN)
    return _(layout.filename, channel=channel or _("기타")), layout.headers, [layout.row(s, o) for s, o in rows]
