"""Export jobs: large lists written to an Excel file the user downloads from the progress window."""
from flask_babel import gettext as _

from models import AuditLog
from portal.extensions import db
from portal.i18n import N_
from portal.services.excel import write_workbook
from portal.web import kst

PAGE = 1000
AUDIT_HEADERS = [N_("일시(KST)"), N_("처리자"), N_("대상"), N_("구분"), N_("내용"), "IP"]


def export_audit_log(progress, tenant_id: int) -> None:
    """권한변경이력 엑셀 다운로드."""
    query = (db.session.query(AuditLog).filter(AuditLog.tenant_id == tenant_id)
             .order_by(AuditLog.at.desc()))
    total = query.count()
    progress.set_total(total)
    progress.log(_("권한변경이력 %(total)s건을 엑셀로 만듭니다.", total=total))

    def rows():
        # Pages, not a streaming cursor: each progress line commits, which would close it.
        for offset in range(0, total, PAGE):
            for entry in query.limit(PAGE).offset(offset).all():
                yield [kst(entry.at, "%Y-%m-%d %H:%M:%S"), str(entry.actor or ""),
                       str(entry.target or ""), _(entry.action), entry.detail, entry.ip]
            progress.log(_("%(min)s/%(total)s건 작성", min=min(offset + PAGE, total), total=total))

    path = progress.output_path(".xlsx")
    written = write_workbook(path, [_(h) for h in AUDIT_HEADERS], rows(), _("권한변경이력"))
    progress.run.done_count = progress.run.ok_count = written
    progress.attach_file(path, _("권한변경이력.xlsx"))
    progress.log(_("엑셀 파일을 만들었습니다. (%(written)s건)", written=written), "ok")
