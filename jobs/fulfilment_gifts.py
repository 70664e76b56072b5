"""사은품 엑셀 업로드 job: gift rows matched to 대기목록 carts (before 배송접수) or to shipments by 장바구니번호 or
주문번호, applied whole or not at all, with a result file giving back every row and its reasons."""
import os

from flask_babel import gettext as _

from blueprints.fulfilment.gifts import waiting
from blueprints.fulfilment.gifts.upload import BY_LABELS, BY_WAITING, HEADERS, apply_rows, header_problem
from blueprints.fulfilment.shipments.stock import announce_moved
from blueprints.orders.services.sheets import read_rows
from portal.extensions import db
from portal.queues import Refused
from portal.services.excel import write_workbook


def import_gifts(progress, tenant_id: int, path: str, filename: str, by: str) -> None:
    progress.log(_("사은품 엑셀 업로드(%(basis)s)를 시작합니다.", basis=_(BY_LABELS[by])))
    try:
        table = [row for row in read_rows(path, filename)]
    finally:
        if os.path.exists(path):
            os.remove(path)
    if not table:
        raise Refused(_("파일에 행이 없습니다. 사은품추가 양식을 내려받아 작성해 주세요."))
    header, rows = [h.strip() for h in table[0]], [r for r in table[1:] if any((c or "").strip() for c in r)]
    problem = header_problem(header)
    if problem:
        raise Refused(problem)
    if not rows:
        raise Refused(_("파일에 사은품 행이 없습니다. 사은품추가 양식을 내려받아 작성해 주세요."))
    progress.set_total(len(rows))
    user_id = progress.run.started_by_id
    if by == BY_WAITING:
        added, results = waiting.apply_rows(tenant_id, user_id, header, rows, HEADERS)
        failed = [(r.row, r.reasons) for r in results if r.reasons]
        reasons = [r.reasons for r in results]
    else:
        added, failed = apply_rows(tenant_id, user_id, header, rows, by)
        by_row = {id(row): why for row, why in failed}
        reasons = [by_row.get(id(row), []) for row in rows]
    progress.run.done_count = len(rows)
    if failed:
        db.session.rollback()
        progress.run.ok_count, progress.run.fail_count = 0, len(failed)
        db.session.commit()
        out = progress.output_path(".xlsx")
        write_workbook(out, header + [_("실패사유")],
                       [row + [""] * (len(header) - len(row)) + [" / ".join(why)] for row, why in zip(rows, reasons)],
                       _("사은품 업로드 결과"))
        progress.attach_file(out, _("사은품_업로드_실패.xlsx"))
        raise Refused(_("%(n)s개 행에 문제가 있어 사은품을 하나도 추가하지 않았습니다. 결과 파일의 마지막 열에서 사유를 "
                        "확인하고 고친 뒤 파일 전체를 다시 올려 주세요.", n=len(failed)))
    progress.run.ok_count, progress.run.fail_count = len(rows), 0
    db.session.commit()
    announce_moved(db.session)  # gifts added to shipments took their stock
    progress.log(_("사은품 %(n)s건을 추가했습니다.", n=added), "ok")
