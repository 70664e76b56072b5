"""수기주문 엑셀 업로드 job: stream the sheet, validate each order, store good ones in chunks, write a failure file.

Per chunk of CHUNK rows: one duplicate lookup, one multi-row INSERT of orders and one of lines, and one
commit that also carries the progress line, so stored orders are visible while the rest is read. Only the
mapped cells are turned into text; a row's other cells are kept as read and written out only if it fails.
"""
import os

from blueprints.fulfilment.rules import FIELDS, Invalid, ManualDraft, validate
from blueprints.fulfilment.services import profile_for, store_batch
from blueprints.orders.services import RuleViolation
from blueprints.orders.services.sheets import cell_text, read_raw
from portal.services.excel import write_workbook

CHUNK = 5000  # rows per stored chunk
ORDER_KEYS = ("country", "product_url", "order_no", "recipient_name", "recipient_phone", "zip_code", "address",
              "address_detail", "message", "order_amount", "paid_amount", "total_paid")


class _Upload:
    """The state of one upload while it is read: the order being gathered, the chunk to store, failures."""

    def __init__(self, progress, tenant_id: int, platform: str, brand: str, width: int, cols: dict[str, int]):
        self.progress, self.tenant_id, self.platform, self.brand, self.width = progress, tenant_id, platform, brand, width
        self.order_cols = [(k, i) for k, i in cols.items() if k in ORDER_KEYS]
        self.sku_col, self.qty_col = cols["sku"], cols["quantity"]
        self.pending: list[list] = []   # raw rows of the order being read
        self.pending_no = None
        self.chunk: list[tuple[list[list], dict]] = []  # (raw rows, clean order) waiting to be stored
        self.chunk_rows = 0
        self.failures: list[list] = []
        self.seen: set[str] = set()
        self.rows = self.orders = 0

    def add(self, raw: list, order_no: str) -> None:
        self.rows += 1
        if self.pending and order_no != self.pending_no:
            self.finish_order()
        self.pending.append(raw)
        self.pending_no = order_no

    def fail(self, raws, reason: str) -> None:
        for raw in raws:
            cells = [cell_text(v) for v in raw]
            self.failures.append(cells + [""] * (self.width - len(cells)) + [reason])

    def finish_order(self) -> None:
        if not self.pending:
            return
        raws, self.pending = self.pending, []
        first, n = raws[0], len(raws[0])
        sku, qty = self.sku_col, self.qty_col
        draft = ManualDraft(platform=self.platform, brand=self.brand,
                            **{k: cell_text(first[i]) if i < n else "" for k, i in self.order_cols},
                            lines=[(cell_text(r[sku]) if sku < len(r) else "", cell_text(r[qty]) if qty < len(r) else "")
                                   for r in raws])
        try:
            clean = validate(draft)
            if clean["order_no"] in self.seen:
                raise Invalid(f"파일 안에서 주문번호가 중복되었습니다: {clean['order_no']} (같은 주문의 행은 붙여 적어 주세요)")
        except Invalid as refused:
            self.fail(raws, str(refused))
            return
        self.seen.add(clean["order_no"])
        self.chunk.append((raws, clean))
        self.chunk_rows += len(raws)
        if self.chunk_rows >= CHUNK:
            self.flush()

    def flush(self) -> None:
        duplicates = store_batch(self.tenant_id, self.progress.id, [c for _, c in self.chunk], commit=False)
        for raws, clean in self.chunk:
            if clean["order_no"] in duplicates:
                self.fail(raws, f"이미 등록된 주문번호입니다: {clean['order_no']}")
            else:
                self.orders += 1
        self.chunk, self.chunk_rows = [], 0
        self.progress.log(f"{self.rows:,}행 처리, 주문 {self.orders:,}건 저장")  # commits the chunk with it


def import_manual_orders(progress, tenant_id: int, path: str, filename: str, platform: str, brand: str = "") -> None:
    """Rows of one order share its 주문번호 (one SKU per row); failed rows come back with the reason last."""
    mapping = profile_for(tenant_id, platform)
    progress.log(f"{platform} 주문서 매칭으로 파일을 읽습니다.")
    header, upload = None, None
    try:
        rows = read_raw(path, filename)
        for raw in rows:
            if header is None:
                header = [cell_text(v) for v in raw]
                cols = {k: header.index(h) for k, h in mapping.items() if h in header}
                missing = [mapping[k] for k, (_, required) in FIELDS.items() if required and k not in cols]
                if missing:
                    progress.log(f"주문서에 {', '.join(missing)} 열이 없습니다. 주문서 매칭을 확인해 주세요.", "error")
                    return
                upload = _Upload(progress, tenant_id, platform, brand, len(header), cols)
                no_col = cols["order_no"]
                continue
            order_no = cell_text(raw[no_col]) if no_col < len(raw) else ""
            if not order_no and not any(cell_text(v) for v in raw):
                continue  # a blank row
            upload.add(raw, order_no)
        if upload is None:
            progress.log("파일에 머리글 행이 없습니다.", "error")
            return
        upload.finish_order()
        upload.flush()
    except RuleViolation as exc:
        progress.log(str(exc), "error")
        return
    finally:
        if os.path.exists(path):
            os.remove(path)
    _report(progress, upload, header)


def _report(progress, upload: _Upload, header: list[str]) -> None:
    failures = upload.failures
    run = progress.run
    run.total = run.done_count = upload.rows
    run.fail_count = len(failures)
    run.ok_count = upload.rows - len(failures)
    progress.log(f"수기주문 {upload.orders:,}건을 등록했습니다. 실패 {len(failures):,}행.",
                 "ok" if not failures else "fail")
    if failures:
        out = progress.output_path(".xlsx")
        write_workbook(out, header + ["실패사유"], failures, "수기주문 실패")
        progress.attach_file(out, "수기주문_업로드_실패.xlsx")
        progress.log("실패한 행은 결과 파일의 가장 오른쪽 열에서 사유를 확인하고 고쳐서 다시 올려 주세요.")
