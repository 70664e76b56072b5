"""수기주문 엑셀 업로드 job: stream the sheet, validate each row, store good orders, write a failure file."""
import os

from blueprints.fulfilment.rules import FIELDS, Invalid, ManualDraft, validate
from blueprints.fulfilment.services import profile_for, store_batch
from blueprints.orders.services import RuleViolation
from blueprints.orders.services.sheets import read_rows
from portal.services.excel import write_workbook

BATCH = 500


def import_manual_orders(progress, tenant_id: int, path: str, filename: str, platform: str, brand: str = "") -> None:
    """Rows of one order share its 주문번호 (one SKU per row); failed rows come back with the reason last."""
    mapping = profile_for(tenant_id, platform)
    progress.log(f"{platform} 주문서 매칭으로 파일을 읽습니다.")
    header, cols = None, {}
    pending: list[tuple[list[str], dict]] = []   # (raw rows, draft values) of the order being read
    batch: list[tuple[list[list[str]], dict]] = []
    failures: list[list[str]] = []
    seen_in_file: set[str] = set()
    counts = {"rows": 0, "orders": 0}

    def finish_order():
        if not pending:
            return
        raws = [r for r, _ in pending]
        first = pending[0][1]
        draft = ManualDraft(platform=platform, brand=brand, **{k: first.get(k, "") for k in (
            "country", "product_url", "order_no", "recipient_name", "recipient_phone", "zip_code", "address",
            "address_detail", "message", "order_amount", "paid_amount", "total_paid")},
            lines=[(v.get("sku", ""), v.get("quantity", "")) for _, v in pending])
        pending.clear()
        try:
            clean = validate(draft)
            if clean["order_no"] in seen_in_file:
                raise Invalid(f"파일 안에서 주문번호가 중복되었습니다: {clean['order_no']} (같은 주문의 행은 붙여 적어 주세요)")
        except Invalid as refused:
            failures.extend(r + [str(refused)] for r in raws)
            return
        seen_in_file.add(clean["order_no"])
        batch.append((raws, clean))
        if len(batch) >= BATCH:
            flush()

    def flush():
        duplicates = store_batch(tenant_id, progress.id, [c for _, c in batch])
        for raws, clean in batch:
            if clean["order_no"] in duplicates:
                failures.extend(r + [f"이미 등록된 주문번호입니다: {clean['order_no']}"] for r in raws)
            else:
                counts["orders"] += 1
        batch.clear()
        progress.log(f"{counts['rows']}행 처리, 주문 {counts['orders']}건 저장")

    try:
        for row in read_rows(path, filename):
            if header is None:
                header = row
                cols = {k: header.index(h) for k, h in mapping.items() if h in header}
                missing = [mapping[k] for k, (_, required) in FIELDS.items() if required and k not in cols]
                if missing:
                    progress.log(f"주문서에 {', '.join(missing)} 열이 없습니다. 주문서 매칭을 확인해 주세요.", "error")
                    return
                continue
            if not any(row):
                continue
            counts["rows"] += 1
            values = {k: (row[i] if i < len(row) else "") for k, i in cols.items()}
            if pending and values.get("order_no") != pending[0][1].get("order_no"):
                finish_order()
            pending.append((row + [""] * (len(header) - len(row)), values))
        finish_order()
        flush()
    except RuleViolation as exc:
        progress.log(str(exc), "error")
        return
    finally:
        if os.path.exists(path):
            os.remove(path)
    run = progress.run
    run.total = run.done_count = counts["rows"]
    run.fail_count = len(failures)
    run.ok_count = counts["rows"] - len(failures)
    progress.log(f"수기주문 {counts['orders']}건을 등록했습니다. 실패 {len(failures)}행.",
                 "ok" if not failures else "fail")
    if failures:
        out = progress.output_path(".xlsx")
        write_workbook(out, header + ["실패사유"], failures, "수기주문 실패")
        progress.attach_file(out, "수기주문_업로드_실패.xlsx")
        progress.log("실패한 행은 결과 파일의 가장 오른쪽 열에서 사유를 확인하고 고쳐서 다시 올려 주세요.")
