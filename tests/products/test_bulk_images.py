"""상품대량등록/수정 images: file names in the sheet, the files in a zip uploaded beside it."""
import io
import os
import random
import zipfile

import pytest
from openpyxl import load_workbook
from PIL import Image

from blueprints.products.services import images, sheet_guard
from blueprints.products.services.bulk_sheet import MODIFY_COLUMNS
from models import JobRun, Product, ProductHistory
from portal.extensions import db
from portal.queues import wait_inline_jobs

from .test_bulk import GOOD, failure_rows, sheet


def jpg_bytes(color=(200, 30, 30), size=(400, 300), fmt="JPEG") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    return buf.getvalue()


def big_jpg() -> bytes:
    """A real jpg over 3MB: noise does not compress."""
    side = 1800
    noise = random.Random(1).randbytes(side * side * 3)
    buf = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(buf, "JPEG", quality=95)
    assert len(buf.getvalue()) > images.MAX_BYTES
    return buf.getvalue()


def zipped(files: dict, method=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    buf.seek(0)
    return buf


def post(client, rows, files=None, url="/products/bulk-register", columns=None,
         zip_name="images.zip"):
    data = {"file": (sheet(rows, *([columns] if columns else [])), "products.xlsx")}
    if files is not None:
        data["images"] = (files if isinstance(files, io.BytesIO) else zipped(files), zip_name)
    return client.post(url, data=data, content_type="multipart/form-data")


def run_of(app, resp) -> JobRun:
    assert resp.status_code == 202, resp.get_data(as_text=True)
    wait_inline_jobs(app)
    db.session.expire_all()
    return db.session.get(JobRun, resp.get_json()["job"])


def refused(resp) -> str:
    assert resp.status_code == 400, resp.get_data(as_text=True)[:500]
    return resp.get_json()["error"]


def row(own_code, **cells) -> dict:
    return {**GOOD, "자체상품코드": own_code, **cells}


@pytest.fixture
def seller_in(client, auth, seller, tmp_path, monkeypatch):
    """Signed in; stored images go to a folder of this test's own."""
    def folder(tenant_id):
        path = os.path.join(tmp_path, "uploads", str(int(tenant_id)))
        os.makedirs(path, exist_ok=True)
        return path

    monkeypatch.setattr(images, "folder", folder)
    auth.login()
    return client


def stored_files(seller) -> list[str]:
    return sorted(os.listdir(images.folder(seller.id)))


def test_template_and_page_document_the_image_columns(seller_in):
    wb = load_workbook(io.BytesIO(seller_in.get("/products/bulk-register/template").data))
    header = [c.value for c in wb["상품등록"][1]]
    assert "대표이미지" in header and "추가이미지" in header
    guide = {r[0]: r[1] for r in wb["작성요령"].iter_rows(values_only=True)}
    assert guide["추가이미지"] == "jpg 파일명을 쉼표로 구분, 최대 2개 예) bike2.jpg,bike3.jpg"
    assert "jpg 파일만, 파일당 3MB 이하" in guide["이미지 규칙"]
    wb = load_workbook(io.BytesIO(seller_in.get("/products/bulk-modify/template").data))
    assert "대표이미지" in [c.value for c in wb.active[1]]
    page = seller_in.get("/products/bulk-register").get_data(as_text=True)
    assert 'name="images"' in page and "이미지 압축파일" in page
    assert "대표이미지(1개)/추가이미지(쉼표로 구분, 최대 2개)" in page
    page = seller_in.get("/products/bulk-modify").get_data(as_text=True)
    assert 'name="images"' in page and "추가이미지 전체를 이미지 압축파일의 파일로 바꿉니다" in page


def test_good_images_are_stored_resized_and_shown_on_the_edit_page(app, seller_in, seller):
    files = {"photos/bike1.jpg": jpg_bytes(), "photos/bike2.jpg": jpg_bytes((0, 0, 200)),
             "photos/bike3.JPG": jpg_bytes((0, 200, 0), (300, 900))}
    run = run_of(app, post(seller_in, [row("IMG1", 대표이미지="bike1.jpg",
                                           추가이미지="bike2.jpg, bike3.JPG")], files))
    assert (run.ok_count, run.fail_count) == (1, 0)
    product = Product.query.filter_by(own_code="IMG1").one()
    assert images.STORED_NAME.fullmatch(product.main_image)
    assert len(product.extra_images) == 2
    for name in [product.main_image, *product.extra_images]:
        with Image.open(images.path_for(seller.id, name)) as img:
            assert (img.format, img.size) == ("JPEG", (1000, 1000))
    page = seller_in.get(f"/products/{product.id}/edit").get_data(as_text=True)
    assert f"/products/images/{product.main_image}" in page
    assert f"/products/images/{product.extra_images[1]}" in page
    resp = seller_in.get(f"/products/images/{product.main_image}")
    assert resp.status_code == 200 and resp.mimetype == "image/jpeg"


def test_bad_images_fail_their_row_with_the_column_file_and_rule(app, seller_in, seller):
    files = {"bike1.jpg": jpg_bytes(), "fake.jpg": jpg_bytes(fmt="PNG"), "big.jpg": big_jpg(),
             "자전거.jpg": jpg_bytes()}
    rows = [row("OK1", 대표이미지="bike1.jpg"),
            row("MISS", 대표이미지="bike1.jpg", 추가이미지="nothere.jpg"),
            row("PNG", 대표이미지="fake.jpg"),
            row("BIG", 대표이미지="big.jpg"),
            row("KOREAN", 대표이미지="자전거.jpg"),
            row("THREE", 추가이미지="bike1.jpg,bike1.jpg,bike1.jpg"),
            row("BOTH", 상품명="김치!!", 대표이미지="nothere.jpg")]
    run = run_of(app, post(seller_in, rows, files))
    assert (run.ok_count, run.fail_count) == (1, 6)
    reasons = {r[3]: r[-1] for r in failure_rows(app, run)[1:]}
    assert reasons == {
        "MISS": "추가이미지 nothere.jpg: 이미지 압축파일에 없는 파일입니다.",
        "PNG": "대표이미지 fake.jpg: 이미지는 jpg 파일만 등록할 수 있습니다.",
        "BIG": "대표이미지 big.jpg: 이미지는 3MB 이하만 등록할 수 있습니다.",
        "KOREAN": "대표이미지 자전거.jpg: 이미지 파일명은 영문/숫자의 조합만 가능합니다. "
                  "(특수문자, 공백 사용불가)",
        "THREE": "추가이미지는 최대 2개까지 등록할 수 있습니다.",
        "BOTH": "상품명에는 특수문자 ( ) / + - ~ 만 사용할 수 있습니다. 사용할 수 없는 문자: ! / "
                "대표이미지 nothere.jpg: 이미지 압축파일에 없는 파일입니다.",
    }
    assert [p.own_code for p in Product.query.all()] == ["OK1"]
    # Nothing of a failed row is stored: only the good row's one image is on disk.
    assert stored_files(seller) == [Product.query.one().main_image]


def test_a_row_naming_images_without_a_zip_fails(app, seller_in):
    run = run_of(app, post(seller_in, [row("NOZIP", 대표이미지="bike1.jpg"), row("PLAIN")]))
    assert (run.ok_count, run.fail_count) == (1, 1)
    assert failure_rows(app, run)[1][-1] == (
        "대표이미지 bike1.jpg: 이미지 압축파일(zip)을 엑셀 파일과 함께 올려 주세요.")


def test_zip_bombs_are_refused_before_anything_is_queued(seller_in, monkeypatch):
    bomb = {"bike1.jpg": b"\0" * (30 * 1024 * 1024)}  # 30MB of zeros packs to about 30KB
    assert refused(post(seller_in, [row("B1")], bomb)) == sheet_guard.MSG_ZIP_BOMB
    monkeypatch.setattr(sheet_guard, "MAX_IMAGES_UNPACKED", 500_000)
    many = {f"p{n}.jpg": random.Random(n).randbytes(200_000) for n in range(3)}
    assert refused(post(seller_in, [row("B2")], many)) == sheet_guard.MSG_ZIP_BOMB
    monkeypatch.setattr(sheet_guard, "MAX_IMAGE_FILES", 2)
    assert refused(post(seller_in, [row("B3")], {"a.jpg": b"1", "b.jpg": b"2", "c.jpg": b"3"})) == (
        "이미지 압축파일에는 파일을 최대 2개까지 넣을 수 있습니다. 엑셀 파일과 이미지 압축파일을 나누어 올려 주세요.")
    assert JobRun.query.count() == 0 and Product.query.count() == 0


def test_a_zip_that_lies_about_its_sizes_is_a_bomb(seller_in):
    data = zipped({"bike1.jpg": b"\0" * 200_000}).getvalue()
    # Declare 1,000 bytes in both headers: the real bytes inflate past what was declared.
    data = data.replace((200_000).to_bytes(4, "little"), (1000).to_bytes(4, "little"))
    assert refused(post(seller_in, [row("LIE")], io.BytesIO(data))) == sheet_guard.MSG_ZIP_BOMB


@pytest.mark.parametrize("name", ["../bike1.jpg", "photos/../../bike1.jpg", "/etc/bike1.jpg",
                                  "C:/bike1.jpg", "..\\bike1.jpg"])
def test_paths_outside_the_folder_are_refused(seller_in, name):
    assert refused(post(seller_in, [row("PATH")], {name: jpg_bytes()})) == (
        f"이미지 압축파일에 허용되지 않는 경로({name})가 있어 열지 않았습니다. "
        "'..'이나 절대경로 없이 jpg 파일들만 압축해 올려 주세요.")
    assert JobRun.query.count() == 0


def test_not_a_zip_gets_a_clear_message(seller_in):
    assert refused(post(seller_in, [row("X")], io.BytesIO(b"not a zip at all"))) == (
        "이미지 압축파일을 열 수 없습니다. jpg 파일들을 zip 형식으로 다시 압축해 올려 주세요. "
        "(암호가 걸린 압축파일은 열 수 없습니다)")
    assert refused(post(seller_in, [row("X")], {"bike1.jpg": jpg_bytes()}, zip_name="a.rar")) == (
        "이미지 압축파일은 zip 파일만 업로드할 수 있습니다. jpg 파일들을 zip으로 압축해 올려 주세요.")
    twice = {"bike1.jpg": jpg_bytes(), "x/bike1.jpg": b"1"}
    assert refused(post(seller_in, [row("X")], twice)) == (
        "이미지 압축파일에 같은 이름의 파일(bike1.jpg)이 여러 개 있습니다. 파일명이 서로 다르게 압축해 올려 주세요.")


def test_the_same_sheet_and_zip_again_change_nothing(app, seller_in, seller):
    files = {"bike1.jpg": jpg_bytes(), "bike2.jpg": jpg_bytes((0, 0, 200))}
    rows = [row("AGAIN", 대표이미지="bike1.jpg", 추가이미지="bike2.jpg")]
    run_of(app, post(seller_in, rows, files))
    product = Product.query.filter_by(own_code="AGAIN").one()
    before = (product.main_image, list(product.extra_images), stored_files(seller))
    run = run_of(app, post(seller_in, rows, files))
    assert (run.ok_count, run.fail_count) == (1, 0)
    product = Product.query.filter_by(own_code="AGAIN").one()
    assert Product.query.count() == 1
    assert (product.main_image, list(product.extra_images), stored_files(seller)) == before
    assert ProductHistory.query.filter_by(product_id=product.id).count() == 1


def test_bulk_modify_replaces_an_image_and_records_it(app, seller_in, seller):
    run_of(app, post(seller_in, [row("MOD1", 대표이미지="bike1.jpg", 추가이미지="bike2.jpg")],
                     {"bike1.jpg": jpg_bytes(), "bike2.jpg": jpg_bytes((0, 0, 200))}))
    product = Product.query.filter_by(own_code="MOD1").one()
    old_main, old_extra = product.main_image, list(product.extra_images)
    modify = [{"자체상품코드": "MOD1", "대표이미지": "newmain.jpg"}]
    files = {"newmain.jpg": jpg_bytes((10, 120, 10))}
    run = run_of(app, post(seller_in, modify, files, "/products/bulk-modify", MODIFY_COLUMNS))
    assert (run.ok_count, run.fail_count) == (1, 0)
    product = Product.query.filter_by(own_code="MOD1").one()
    assert product.main_image not in ("", old_main)
    assert list(product.extra_images) == old_extra  # a blank 추가이미지 keeps them
    entry = ProductHistory.query.filter_by(product_id=product.id, action="대량수정").one()
    assert {"field": "대표이미지", "before": old_main, "after": product.main_image} in entry.changes
    history = seller_in.get(f"/products/{product.id}/history").get_data(as_text=True)
    assert "대량수정" in history and product.main_image in history
    # The same modify sheet and zip again: no change, no new history.
    run_of(app, post(seller_in, modify, files, "/products/bulk-modify", MODIFY_COLUMNS))
    assert ProductHistory.query.filter_by(product_id=product.id, action="대량수정").count() == 1
    # A bad image leaves the product as it was.
    run = run_of(app, post(seller_in, [{"자체상품코드": "MOD1", "추가이미지": "gone.jpg"}], files,
                           "/products/bulk-modify", MODIFY_COLUMNS))
    assert failure_rows(app, run)[1][-1] == "추가이미지 gone.jpg: 이미지 압축파일에 없는 파일입니다."
    db.session.expire_all()
    assert list(Product.query.filter_by(own_code="MOD1").one().extra_images) == old_extra


def test_a_sheet_with_its_zip_may_pass_the_app_wide_upload_limit(app, seller_in, auth, client):
    """Sellers zip many photos: the bulk pages take more than other forms, but only from a signed-in user."""
    app.config.update(MAX_CONTENT_LENGTH=1 << 20, BULK_UPLOAD_MAX_BYTES=4 << 20)
    noise = random.Random(2).randbytes(2 << 20)  # 2 MB that does not compress
    resp = post(seller_in, [row("BIG1", 대표이미지="bike1.jpg")],
                {"bike1.jpg": jpg_bytes(), "noise.jpg": noise})
    assert resp.status_code == 202, resp.get_data(as_text=True)[:300]
    assert "4MB 이하" in seller_in.get("/products/bulk-register").get_data(as_text=True)
    elsewhere = seller_in.post("/products/register", data={"상품명": "x" * (2 << 20)})
    assert elsewhere.status_code == 413
    auth.logout()
    app.config["WTF_CSRF_ENABLED"] = True  # the CSRF check is what reads a stranger's form
    stranger = post(client, [row("BIG2")], {"noise.jpg": noise})
    assert stranger.status_code == 413
