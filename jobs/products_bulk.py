"""상품대량등록/상품대량수정 jobs: read the uploaded sheet, store good rows, attach the failure file."""
import os

from blueprints.products.services.bulk import Importer, count_rows

LABELS = {"register": "상품대량등록", "modify": "상품대량수정"}


def import_products(progress, tenant_id: int, path: str, mode: str = "register") -> None:
    label = LABELS[mode]
    total = count_rows(path)
    progress.set_total(total)
    progress.log(f"{label}: {total}행을 검사합니다.")
    importer = Importer(progress, tenant_id, progress.run.started_by_id, mode)
    ok, failed = importer.run(path)
    importer.write_failures(f"{label}_실패목록.xlsx")
    progress.log(f"{label}을 마쳤습니다. 성공 {ok}행, 실패 {failed}행", "ok" if not failed else "fail")
    if os.path.exists(path):
        os.remove(path)  # the upload is not kept once its rows are stored or returned
