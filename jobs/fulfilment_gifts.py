"""사은품 엑셀 업로드 job: gift rows matched to shipments by 장바구니번호 or 주문번호, a failure file with every
reason of every refused row."""
import os

from blueprints.fulfilment.gifts.upload import BY_LABELS, apply_rows, header_problem
from blueprints.orders.services.sheets import read_rows
from portal.extensions import db
from portal.queues import Refused
from portal.services.excel import write_workbook


def import_gifts(progress, tenant_id: int, path: str, filename: str, by: str) -> None:
    progress.log(f"사은품 엑셀 업로드({BY_LABELS[by]})를 시작합니다.")
    try:
        table = [row for row in read_rows(path, filename)]
    finally:
        if os.path.exists(path):
            os.remove(path)
    if not table:
        raise Refused("파일에 행이 없습니다. 사은품추가 양식을 내려받아 작성해 주세요.")
    header, rows = [h.strip() for h in table[0]], [r for r in table[1:] if any((c or "").strip() for c in r)]
    problem = header_problem(header)
    if problem:
        raise Refused(problem)
    progress.set_total(len(rows))
    added, failed = apply_rows(tenant_id, progress.run.started_by_id, header, rows, by)
    progress.run.done_count = len(rows)
    progress.run.ok_count, progress.run.fail_count = len(rows) - len(failed), len(failed)
    db.session.commit()
    progress.log(f"사은품 {added}건을 추가했습니다. 실패 {len(failed)}행.", "ok" if not failed else "fail")
    if failed:
        out = progress.output_path(".xlsx")
        write_workbook(out, header + ["실패사유"],
                       [row + [""] * (len(header) - len(row)) + [" / ".join(reasons)] for row, reasons in failed],
                       "사은품 업로드 실패")
        progress.attach_file(out, "사은품_업로드_실패.xlsx")
        progress.log("실패한 행은 결과 파일의 마지막 열에서 사유를 확인한 뒤 고쳐서 다시 올려 주세요.")
