"""Print jobs of 배송관리: label runs and packing lists too large for a web request, written to a PDF
to download from the progress window."""
from flask_babel import gettext

import blueprints.fulfilment.printing as printing
from blueprints.fulfilment.documents.labels import label_count, render_labels
from blueprints.fulfilment.documents.packing import packing_pdf
from blueprints.fulfilment.documents.layouts import LAYOUTS
from blueprints.fulfilment.documents.rows import sort_shipments
from models import Tenant
from portal.extensions import db

STEP_EVERY = 100  # a progress line per this many shipments


def print_labels(progress, tenant_id: int, shipment_ids: list[int], layout: str, first: str,
                 then: str) -> None:
    """라벨출력 of the given shipments in `layout`; the PDF is offered for download when done."""
    tenant = db.session.get(Tenant, tenant_id)
    shipments = printing.owned_shipments(tenant, shipment_ids)
    rows = sort_shipments(printing.to_rows(tenant, shipments), first, then)
    count = label_count(rows, layout)
    progress.set_total(len(rows))
    progress.log(gettext("%(layout)s: 배송건 %(n)s건, 라벨 %(labels)s장을 만듭니다.", layout=gettext(LAYOUTS[layout].title),
                         n=len(rows), labels=count))

    def advance(done: int) -> None:
        if done % STEP_EVERY == 0 or done == len(rows):
            progress.run.done_count = progress.run.ok_count = done
            progress.log(gettext("%(done)s/%(n)s건 작성", done=done, n=len(rows)))

    printed = render_labels(rows, layout, progress=advance)
    path = progress.output_path(".pdf")
    with open(path, "wb") as handle:
        handle.write(printed.pdf)
    printing.mark_printed(shipments)
    progress.attach_file(path, gettext("라벨_%(layout)s.pdf", layout=layout))
    progress.log(gettext("라벨 PDF를 만들었습니다. (%(pages)s쪽, 라벨 %(labels)s장)", pages=printed.pages, labels=count), "ok")


def print_packing_list(progress, tenant_id: int, shipment_ids: list[int], first: str, then: str) -> None:
    """팩킹리스트출력 of many shipments; the PDF is offered for download when done."""
    tenant = db.session.get(Tenant, tenant_id)
    shipments = printing.owned_shipments(tenant, shipment_ids)
    rows = sort_shipments(printing.to_rows(tenant, shipments), first, then)
    progress.set_total(len(rows))
    progress.log(gettext("팩킹리스트: 배송건 %(n)s건을 만듭니다.", n=len(rows)))

    def advance(done: int) -> None:
        if done % STEP_EVERY == 0 or done == len(rows):
            progress.run.done_count = progress.run.ok_count = done
            progress.log(gettext("%(done)s/%(n)s건 작성", done=done, n=len(rows)))

    data = packing_pdf(rows, progress=advance)
    path = progress.output_path(".pdf")
    with open(path, "wb") as handle:
        handle.write(data)
    printing.mark_printed(shipments)
    progress.attach_file(path, gettext("팩킹리스트.pdf"))
    progress.log(gettext("팩킹리스트 PDF를 만들었습니다. (배송건 %(n)s건)", n=len(rows)), "ok")
