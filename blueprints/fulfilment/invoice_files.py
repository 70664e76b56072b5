"""송장 파일: the tracking numbers of orders that came from a channel's file, written in that channel's own
upload format (its columns, file type and encoding), so the seller registers them on the channel.

File orders have no channel account, so their 송장 are never sent from here (orders.services.invoices keeps
them local); this file is how they reach the channel. Each layout's columns, file type and encoding, and the
document they come from, are in INVOICE_FILES.md beside this file.
"""
import csv
import io
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from models import ChannelOrder, ChannelOrderLine, ManualOrder, ManualOrderLine
from models.order import FROM_FILE
from portal.days import utc_bounds
from portal.extensions import db
from portal.i18n import ko
from portal.services.excel import write_workbook
from portal.web import kst

from .presets import BY_KEY


@dataclass(frozen=True)
class Item:
    """One line with its 송장, in the words a layout needs."""

    order_no: str
    line_no: str  # the channel's own line number the file kept (상품주문번호, order-item-id, 주문순번)
    quantity: int
    courier_code: str
    courier_name: str
    tracking_number: str
    shipped: date  # the day the 송장 was saved (KST)
    country: str


# The carrier words the Japanese channels take for the couriers a Korean seller ships with; anything else is
# "Other" with its name (Amazon) or the channel's その他 (Rakuten). Codes as the cited documents list them.
AMAZON_CARRIERS = {"EPOST": "Japan Post", "EMS": "Japan Post", "DHL": "DHL", "FEDEX": "FedEx", "UPS": "UPS"}
# Amazon's carrier-name for "Other" (the file is CP932, which has no Hangul): the couriers' own English names.
ENGLISH_NAMES = {"CJGLS": "CJ Logistics", "HANJIN": "Hanjin Express", "HYUNDAI": "Lotte Global Logistics",
                 "KGB": "Logen", "EPOST": "Korea Post", "KDEXP": "Kyungdong Express", "ILYANG": "Ilyang Logis"}
# RMS 配送会社 codes (the list of RMS WEB SERVICE, INVOICE_FILES.md): 1017 EMS, 1018 DHL, 1019 FedEx,
# 1020 UPS; 1000 その他 for the Korean parcel couriers, which the list does not name. 우체국 (EPOST) goes as
# EMS like the Rakuten adapter sends it (marketplaces/rakuten/mapping.py); no document names Korea Post [?].
RAKUTEN_CARRIERS = {"EMS": "1017", "EPOST": "1017", "DHL": "1018", "FEDEX": "1019", "UPS": "1020"}
RAKUTEN_OTHER = "1000"


def _smartstore(x: Item) -> list:
    return [x.line_no or x.order_no, ko("택배,등기,소포"), x.courier_name, x.tracking_number]  # the channel's 배송방법 word


def _coupang(x: Item) -> list:
    return [x.line_no, x.order_no, x.courier_name, x.tracking_number]


def _st11(x: Item) -> list:
    return [x.order_no, x.line_no or "1", x.courier_name, x.tracking_number]


def _qoo10(x: Item) -> list:
    return [x.order_no, x.courier_name, x.tracking_number, x.country]


def _rakuten(x: Item) -> list:
    return [x.order_no, "", "", x.tracking_number, RAKUTEN_CARRIERS.get(x.courier_code, RAKUTEN_OTHER),
            x.shipped.strftime("%Y/%m/%d")]


def _amazon(x: Item) -> list:
    code = AMAZON_CARRIERS.get(x.courier_code, "Other")
    name = ENGLISH_NAMES.get(x.courier_code, x.courier_code) if code == "Other" else ""
    return [x.order_no, x.line_no, x.quantity, x.shipped.isoformat(), code, name,
            x.tracking_number, ""]


@dataclass(frozen=True)
class Layout:
    key: str  # the preset whose file these orders came from
    title: str
    headers: tuple[str, ...]
    row: object  # Item → the row's cells
    kind: str = "xlsx"  # xlsx / csv / tsv
    encoding: str = "utf-8"
    filename: str = ""
    caution: str = ""  # what no document states about the channel's sheet (INVOICE_FILES.md: [?]), shown


# Headers are the channels' own upload columns, read back by the channel: they stay Korean (ko).
LAYOUTS = (
    Layout("smartstore", _l("스마트스토어 발주발송관리 일괄발송"), (ko("상품주문번호"), ko("배송방법"), ko("택배사"), ko("송장번호")),
           _smartstore, filename="smartstore_dispatch.xlsx"),
    Layout("coupang", _l("쿠팡 WING 송장 일괄 업로드 (DeliveryList)"), (ko("묶음배송번호"), ko("주문번호"), ko("택배사"), ko("운송장번호")),
           _coupang, filename="coupang_invoice.xlsx"),
    Layout("11st", _l("11번가 발송처리 엑셀"), (ko("주문번호"), ko("주문순번"), ko("택배사"), ko("송장번호")), _st11,
           filename="11st_dispatch.xlsx",
           caution=_l("11번가 셀러오피스 발송처리 엑셀의 열 구성은 공개된 문서로 확인하지 못했습니다. 셀러오피스에서 "
                      "내려받은 양식과 열 이름·순서를 비교한 뒤 올려 주세요.")),
    Layout("qoo10", _l("Qoo10 QSM 엑셀일괄발송 (주문번호)"), (ko("주문번호"), ko("택배사"), ko("송장번호"), ko("주문국가")), _qoo10,
           filename="qoo10_dispatch.xlsx"),
    Layout("rakuten", _l("Rakuten RMS 発送完了報告データ (CSV)"),
           ("注文番号", "送付先ID", "発送明細ID", "お荷物伝票番号", "配送会社", "発送日"), _rakuten, "csv", "cp932",
           "rakuten_shipping.csv"),
    Layout("amazon_jp", _l("Amazon JP 出荷通知 (Shipping Confirmation)"),
           ("order-id", "order-item-id", "quantity", "ship-date", "carrier-code", "carrier-name", "tracking-number",
            "ship-method"), _amazon, "tsv", "cp932", "amazon_shipping_confirmation.txt"),
)
BY_LAYOUT = {x.key: x for x in LAYOUTS}


def layout_for(platform: str) -> Layout | None:
    """The layout of the channel a 판매 플랫폼 names (as the presets store it), if one is known."""
    words = (platform or "").strip().lower()
    for layout in LAYOUTS:
        preset = BY_KEY[layout.key]
        if words and words in (preset.platform.lower(), preset.key):
            return layout
    return None


def platforms(tenant_id: int) -> list[str]:
    """The 판매 플랫폼 of a seller's file orders that hold a 송장."""
    rows = (db.session.query(ChannelOrder.channel).join(ChannelOrderLine, ChannelOrderLine.order_id == ChannelOrder.id)
            .filter(ChannelOrder.tenant_id == tenant_id, ChannelOrder.source == FROM_FILE,
                    ChannelOrder.account_id.is_(None), ChannelOrderLine.tracking_number != "")
            .distinct().order_by(ChannelOrder.channel))
    return [channel for (channel,) in rows]


def items(tenant_id: int, platform: str, start: date, end: date) -> list[Item]:
    """Lines of the platform's file orders with a 송장 saved, ordered on those KST days; none cancelled."""
    line, order = ChannelOrderLine, ChannelOrder
    since, until = utc_bounds(start, end)
    rows = (db.session.query(order.channel_order_id, ManualOrderLine.channel_line_no, line.quantity, line.courier_code,
                             line.tracking_number, line.updated_at, ManualOrder.country)
            .join(order, order.id == line.order_id)
            .join(ManualOrder, ManualOrder.id == order.manual_order_id)
            .outerjoin(ManualOrderLine, ManualOrderLine.id == line.manual_line_id)
            .filter(line.tenant_id == tenant_id, line.account_id.is_(None), order.source == FROM_FILE,
                    order.channel == platform, line.tracking_number != "", line.status != "CANCELED",
                    line.ordered_at >= since, line.ordered_at < until)
            .order_by(line.id))
    from blueprints.orders.services.couriers import name_of

    return [Item(no, line_no or "", qty, code, name_of(code), number, _kst_day(at), country or "")
            for no, line_no, qty, code, number, at, country in rows]


def _kst_day(at) -> date:
    return date.fromisoformat(kst(at)[:10]) if at else date.today()


def write(layout: Layout, rows: list[Item]) -> bytes:
    """The file as the channel takes it: xlsx, or CSV / tab-delimited text in the channel's encoding (CRLF)."""
    cells = [layout.row(x) for x in rows]
    if layout.kind == "xlsx":
        buf = io.BytesIO()
        write_workbook(buf, list(layout.headers), cells, str(layout.title)[:31])
        return buf.getvalue()
    text = io.StringIO()
    writer = csv.writer(text, delimiter="\t" if layout.kind == "tsv" else ",", lineterminator="\r\n")
    writer.writerow(layout.headers)
    writer.writerows(cells)
    return text.getvalue().encode(layout.encoding, errors="replace")


__all__ = ["BY_LAYOUT", "LAYOUTS", "Item", "items", "layout_for", "platforms", "write"]
