"""수기주문 엑셀 업로드 job: read the sheet, check each order, map its SKUs, store good ones in chunks, write a
failure file.

The sheet is handled a chunk of CHUNK rows at a time and column by column: each mapped column is turned
into text in one pass (a column that is all text only loses its spaces), numbers stay numbers for the
quantity and amount rules, and the rows of one order (same 주문번호, one below the other) never straddle
two chunks. Per chunk: one check per order (rules.check, the form's rules), the SKUs the upload has not
met yet resolved with two queries, one duplicate lookup, one bulk write of orders and one of lines, and
one commit that also carries the progress line, so stored orders are visible while the rest is read.
A row's other cells are kept as read and turned into text only if it fails.
"""
import os
from itertools import islice

from blueprints.fulfilment.rules import FIELDS, Invalid, check
from blueprints.fulfilment.services import mapped, profile_for
from blueprints.fulfilment.skus import Resolver
from blueprints.fulfilment.store import store_batch
from blueprints.orders.services import RuleViolation
from blueprints.orders.services.sheets import cell_text, read_raw
from portal.services.excel import write_workbook

CHUNK = 5000  # rows per stored chunk
TEXT_KEYS = ("country", "product_url", "order_no", "recipient_name", "recipient_phone", "zip_code", "address",
             "address_detail", "message", "sku")
NUMBER_KEYS = ("quantity", "order_amount", "paid_amount", "total_paid")  # rules.check reads numbers or text


def _texts(values: list) -> list[str]:
    """One column as text: a column of text only loses its spaces (in C); anything else cell by cell."""
    if set(map(type, values)) <= {str}:
        return list(map(str.strip, values))
    return list(map(cell_text, values))


class _Upload:
    """The state of one upload while it is read: counts, the SKUs met so far, the failed rows."""

    def __init__(self, progress, tenant_id: int, platform: str, brand: str, width: int, cols: dict[str, int]):
        self.progress, self.tenant_id, self.platform, self.brand, self.width = progress, tenant_id, platform, brand, width
        self.cols = cols
        self.resolver = Resolver(tenant_id)
        self.failures: list[list] = []
        self.seen: set[str] = set()
        self.rows = self.orders = 0

    def fail(self, raws, reason: str) -> None:
        for raw in raws:
            cells = [cell_text(v) for v in raw]
            self.failures.append(cells + [""] * (self.width - len(cells)) + [reason])

    def columns(self, raws: list[list]) -> dict[str, list]:
        blank = [""] * len(raws)
        out = {}
        for key in TEXT_KEYS + NUMBER_KEYS:
            i = self.cols.get(key)
            if i is None:
                out[key] = blank
                continue
            values = [r[i] for r in raws]
            out[key] = _texts(values) if key in TEXT_KEYS else values
        return out

    def take(self, raws: list[list], final: bool) -> list[list]:
        """Check and store the complete orders of these rows; return the rows of an order that may go on
        in the next chunk (none when final)."""
        short = [r for r in raws if len(r) < self.width]  # CSV rows may stop early
        for r in short:
            r.extend([""] * (self.width - len(r)))
        nos = _texts([r[self.cols["order_no"]] for r in raws])
        if "" in nos:  # blank rows between orders are skipped
            keep = [i for i, no in enumerate(nos) if no or any(cell_text(v) for v in raws[i])]
            raws, nos = [raws[i] for i in keep], [nos[i] for i in keep]
        starts = [0] + [i for i in range(1, len(nos)) if nos[i] != nos[i - 1]]
        carry: list[list] = []
        if not final and starts:
            carry, raws, nos = raws[starts[-1]:], raws[:starts[-1]], nos[:starts[-1]]
            starts.pop()
        if raws:
            self.rows += len(raws)
            self._store(raws, starts)
        return carry

    def _store(self, raws: list[list], starts: list[int]) -> None:
        c = self.columns(raws)
        country, url, order_no, name, phone, zip_code, address, detail, message, sku = (c[k] for k in TEXT_KEYS)
        qty, order_amount, paid_amount, total_paid = (c[k] for k in NUMBER_KEYS)
        platform, brand, seen = self.platform, self.brand, self.seen
        good, bad = [], []  # (start, end, values, lines), (start, end, reason)
        for s, e in zip(starts, starts[1:] + [len(raws)]):
            try:
                values, lines = check(platform, brand, country[s], url[s], order_no[s], name[s], phone[s],
                                      zip_code[s], address[s], detail[s], message[s], order_amount[s],
                                      paid_amount[s], total_paid[s],
                                      [(sku[s], qty[s])] if e - s == 1 else list(zip(sku[s:e], qty[s:e])))
                if values[1] in seen:
                    raise Invalid(f"파일 안에서 주문번호가 중복되었습니다: {values[1]} (같은 주문의 행은 붙여 적어 주세요)")
            except Invalid as refused:
                bad.append((s, e, str(refused)))
                continue
            seen.add(values[1])
            good.append((s, e, values, lines))
        known = self.resolver.resolve({line[0] for *_, lines in good for line in lines})
        orders, kept = [], []
        for s, e, values, lines in good:
            lines = mapped(known, lines)
            if type(lines) is str:
                bad.append((s, e, lines))
                continue
            orders.append((values, lines))
            kept.append((s, e))
        duplicates = store_batch(self.tenant_id, self.progress.id, orders, commit=False)
        for (s, e), (values, _) in zip(kept, orders):
            if values[1] in duplicates:
                bad.append((s, e, f"이미 등록된 주문번호입니다: {values[1]}"))
            else:
                self.orders += 1
        for s, e, reason in sorted(bad):  # the failure file keeps the sheet's order
            self.fail(raws[s:e], reason)
        self.progress.log(f"{self.rows:,}행 처리, 주문 {self.orders:,}건 저장")  # commits the chunk with it


def import_manual_orders(progress, tenant_id: int, path: str, filename: str, platform: str, brand: str = "") -> None:
    """Rows of one order share its 주문번호 (one SKU per row); failed rows come back with the reason last."""
    mapping = profile_for(tenant_id, platform)
    progress.log(f"{platform} 주문서 매칭으로 파일을 읽습니다.")
    header, upload = None, None
    try:
        rows = read_raw(path, filename)
        for raw in rows:
            header = [cell_text(v) for v in raw]
            break
        if header is None:
            progress.log("파일에 머리글 행이 없습니다.", "error")
            return
        cols = {k: header.index(h) for k, h in mapping.items() if h in header}
        missing = [mapping[k] for k, (_, required) in FIELDS.items() if required and k not in cols]
        if missing:
            progress.log(f"주문서에 {', '.join(missing)} 열이 없습니다. 주문서 매칭을 확인해 주세요.", "error")
            return
        upload = _Upload(progress, tenant_id, platform, brand, len(header), cols)
        carry: list[list] = []
        while True:
            chunk = list(islice(rows, CHUNK))
            after = next(rows, None)  # one row ahead: the last chunk stores its last order too
            carry = upload.take(carry + chunk, final=after is None)
            if after is None:
                break
            carry.append(after)
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
