"""상품 Excel jobs: 상품대량등록/수정 imports and the large 상품조회 download."""
import os

from flask_babel import gettext as _

from blueprints.products.services import search
from blueprints.products.services.bulk import LABELS, Importer
from models import Tenant
from portal.extensions import db
from portal.i18n import N_
from portal.services.excel import write_workbook
from portal.services.uploads import collector_paused

__all__ = ["LABELS", "export_products", "import_products"]
EXPORT_NAME = N_("상품조회.xlsx")


def import_products(progress, tenant_id: int, path: str, mode: str = "register",
                    images_path: str | None = None) -> None:
    """path: the stored sheet; images_path: the stored image zip uploaded beside it, if any."""
    label = LABELS[mode]
    importer = Importer(progress, tenant_id, progress.run.started_by_id, mode)
    try:
        with collector_paused():
            ok, failed = importer.run(path, images_path)
    finally:
        for stored in (path, images_path):
            if stored and os.path.exists(stored):
                os.remove(stored)  # the upload is not kept once its rows are stored or returned
    if importer.refused:
        return
    importer.write_failures(_("%(label)s_실패목록.xlsx", label=label))
    progress.log(_("%(label)s을 마쳤습니다. 성공 %(ok)s행, 실패 %(failed)s행",
                   label=label, ok=ok, failed=failed), "ok" if not failed else "fail")


def export_products(progress, tenant_id: int, args: dict) -> None:
    """상품조회 엑셀다운로드 of a big result: rows are written as they are read, 1,000 at a time."""
    tenant = db.session.get(Tenant, tenant_id)
    total = search.count(search.product_query(tenant, args))
    progress.set_total(total)
    progress.log(_("조회된 상품 %(total)s개를 엑셀 파일로 만듭니다.", total=format(total, ',')))
    run = progress.run

    def rows():
        for n, row in enumerate(search.export_rows(tenant, args), 1):
            yield row
            if n % 5000 == 0:
                run.done_count = run.ok_count = n
                progress.log(_("%(n)s/%(total)s행 작성", n=format(n, ','), total=format(total, ',')))

    path = progress.output_path(".xlsx")
    written = write_workbook(path, [_(h) for h in search.EXPORT_HEADERS], rows(), _("상품조회"))
    run.done_count = run.ok_count = written
    progress.attach_file(path, _(EXPORT_NAME))
    progress.log(_("엑셀 파일을 만들었습니다. (%(written)s행) 진행상황 창에서 내려받으세요.", written=format(written, ',')), "ok")
