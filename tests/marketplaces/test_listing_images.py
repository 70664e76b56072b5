"""Product images on registration: 스마트스토어 uploads the files first (상품 이미지 다건 등록) and names
Naver's addresses; 쿠팡 and 11번가 take public addresses; the 상품상세 image goes into the detail HTML.
Documented requests against fixtures, then the sandbox over HTTP refusing what the channels refuse."""
import io

import pytest
import requests
from PIL import Image

from portal.channel_http import CallBudget, ChannelHttp
from portal.marketplaces import Listing, ListingItem, Outcome, ShippingTerms, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

NAVER = {"client_id": "fixture-app", "client_secret": "$2a$10$abcdefghijklmnopqrstuv", "as_phone": "02-1234-5678"}
TERMS = ShippingTerms(fee_type="free", return_fee=3000, exchange_fee=6000, return_zip="06236",
                      return_address="서울 강남구", courier="CJ대한통운", as_info="구입 후 1년 무상 A/S")
PUBLIC = "https://portal.example.com/public/images"


def jpeg_file(tmp_path, name, color="red") -> str:
    path = tmp_path / name
    Image.new("RGB", (60, 60), color).save(path, "JPEG")
    return str(path)


def naver_fixture_adapter(channel):
    channel.answer("POST", "/v1/oauth2/token", load("naver", "token"))
    return build_adapter("naver", NAVER, base_url=channel.url, http=fast_http())


def test_naver_uploads_the_files_then_registers_with_the_addresses_naver_answered(channel, tmp_path):
    documented = load("naver", "product_images_upload")
    channel.answer("POST", "/v1/product-images/upload", documented)
    channel.answer("POST", "/v2/products", load("naver", "product_create"))
    channel.answer("GET", "/origin-products/", load("naver", "origin_product_options"))
    main, extra = jpeg_file(tmp_path, "a.jpg"), jpeg_file(tmp_path, "b.jpg", "blue")
    detail = jpeg_file(tmp_path, "d.jpg", "green")
    [outcome] = naver_fixture_adapter(channel).push_listing(Listing(
        "스탠드", 20000, stock=3, category_id="50000803", seller_code="ST-1", shipping=TERMS,
        description_html="<p>튼튼한 스탠드</p>", image_files=(main, extra), detail_image_file=detail,
        # Public addresses are never sent to Naver: only its own upload's addresses are accepted.
        image_urls=(f"{PUBLIC}/x.jpg",), detail_image_url=f"{PUBLIC}/y.jpg"))
    assert outcome.outcome is Outcome.OK
    [upload] = channel.calls("/v1/product-images/upload")
    assert upload.method == documented["request"]["method"]
    assert upload.headers["Content-Type"].startswith("multipart/form-data")
    assert upload.body.count(f'name="{documented["request"]["part"]}"'.encode()) == 3
    for path in (main, extra, detail):     # each stored file goes up as it is
        assert open(path, "rb").read() in upload.body
    [create] = [c for c in channel.calls("/v2/products") if c.method == "POST"]
    origin = create.json()["originProduct"]
    urls = [i["url"] for i in documented["response"]["body"]["images"]]
    assert origin["images"] == {"representativeImage": {"url": urls[0]}, "optionalImages": [{"url": urls[1]}]}
    assert origin["detailContent"] == f'<p>튼튼한 스탠드</p><div><img src="{urls[2]}" alt=""></div>'
    assert PUBLIC not in create.body.decode()


def test_naver_refused_upload_registers_nothing_and_keeps_the_reason(channel, tmp_path):
    channel.answer("POST", "/v1/product-images/upload", load("naver", "product_images_upload_error_400"))
    [outcome] = naver_fixture_adapter(channel).push_listing(Listing(
        "스탠드", 20000, stock=3, category_id="50000803", seller_code="ST-1", shipping=TERMS,
        image_files=(jpeg_file(tmp_path, "a.jpg"),)))
    assert outcome.outcome is Outcome.REJECTED
    assert "JPG, GIF, PNG, BMP" in outcome.message
    assert not [c for c in channel.calls("/v2/products") if c.method == "POST"]


def test_11st_takes_the_main_and_extra_addresses_and_the_detail_image_in_html(channel):
    channel.answer("POST", "/prodservices/product", load("elevenst", "product_register_210"))
    adapter = build_adapter("11st", {"openapikey": "k" * 32, "addr_seq_out": "4", "addr_seq_in": "8"},
                            base_url=channel.url, http=fast_http())
    urls = tuple(f"{PUBLIC}/{n}.jpg" for n in range(6))
    [outcome] = adapter.push_listing(Listing("겨울 목도리", 15000, stock=5, category_id="1122", seller_code="SC-1",
                                             description_html="<p>따뜻한 목도리</p>", image_urls=urls,
                                             detail_image_url=f"{PUBLIC}/d.jpg", shipping=TERMS))
    assert outcome.ok
    import xml.etree.ElementTree as ET

    [call] = channel.calls("/prodservices/product")
    product = ET.fromstring(call.body.decode("euc-kr").split("?>", 1)[1])
    # prdImage01 대표, prdImage02-04 추가 1-3: nothing beyond what the document names.
    assert [product.findtext(f"prdImage{n:02d}") for n in range(1, 6)] == [*urls[:4], None]
    assert product.findtext("htmlDetail") == f'<p>따뜻한 목도리</p><div><img src="{PUBLIC}/d.jpg" alt=""></div>'
    assert b"<htmlDetail><![CDATA[<p>" in call.body   # "html 을 입력하실 경우 <![CDATA[ ]]> 로 묶어 주세요"


@pytest.fixture
def live(fresh_sandbox):
    http = ChannelHttp(budget=CallBudget(rate=1000, burst=1000), sleep=lambda s: None, jitter=lambda: 0.0)

    def make(code):
        return build_adapter(code, fresh_sandbox.credentials(code), base_url=fresh_sandbox.base_url(code),
                             http=http)
    return fresh_sandbox, make


def on_sandbox(sandbox, code, no):
    return sandbox.ops("GET", f"/shops/{sandbox.shop_id(code)}/products/{no}")["product"]


def leaf(adapter):
    cats = adapter.fetch_categories(None)
    found = next((c for c in cats if c.is_leaf), None)
    while found is None:
        cats = adapter.fetch_categories(cats[0].channel_category_id)
        found = next((c for c in cats if c.is_leaf), None)
    return found.channel_category_id


def test_naver_sandbox_stores_uploaded_images_and_the_detail_image(live, tmp_path):
    sandbox, make = live
    naver = make("naver")
    [outcome] = naver.push_listing(Listing(
        "린넨 원피스", 25000, stock=10, category_id=leaf(naver), seller_code="IMG-N1", shipping=TERMS,
        description_html="<p>시원한 원피스</p>",
        image_files=(jpeg_file(tmp_path, "m.jpg"), jpeg_file(tmp_path, "e.jpg", "blue")),
        detail_image_file=jpeg_file(tmp_path, "d.jpg", "green")))
    assert outcome.ok, outcome.message
    product = on_sandbox(sandbox, "naver", outcome.channel_ref)
    images = product["extra"]["images"]
    assert len(images) == 2 and all(u.startswith("https://shop-phinf.pstatic.net/") for u in images)
    assert "<img src=\"https://shop-phinf.pstatic.net/" in product["extra"]["description_html"]
    # The origin product read back names the same images, so an update (a replace) keeps them.
    assert naver.update_listing(Listing("린넨 원피스 (여름)", 25000, stock=10, category_id=leaf(naver),
                                        channel_product_id=outcome.channel_ref))[0].ok
    assert on_sandbox(sandbox, "naver", outcome.channel_ref)["extra"]["images"] == images


def test_naver_sandbox_refuses_what_the_upload_document_refuses(live, tmp_path):
    sandbox, make = live
    naver = make("naver")
    url = f"{sandbox.base_url('naver')}/v1/product-images/upload"
    headers = {"Authorization": f"Bearer {naver.client.token(force=True)}"}
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    ok = requests.post(url, headers=headers, files=[("imageFiles", ("a.gif", gif.getvalue(), "image/gif"))])
    assert ok.status_code == 200 and ok.json()["images"][0]["url"].endswith(".gif")
    not_image = requests.post(url, headers=headers, files=[("imageFiles", ("a.jpg", b"%PDF-1.4 ...", "image/jpeg"))])
    assert not_image.status_code == 400 and not_image.json()["code"] == "BAD_REQUEST"
    assert not_image.json()["invalidInputs"][0]["name"] == "imageFiles[0]"
    eleven = [("imageFiles", (f"{n}.jpg", open(jpeg_file(tmp_path, f"{n}.jpg"), "rb").read(), "image/jpeg"))
              for n in range(11)]
    assert requests.post(url, headers=headers, files=eleven).status_code == 400
    as_json = requests.post(url, headers=headers, json={"imageFiles": ["https://example.com/a.jpg"]})
    assert as_json.status_code == 400
    # A product naming an address the upload never answered with is refused.
    [refused] = naver.push_listing(Listing("원피스", 25000, stock=1, category_id=leaf(naver), seller_code="IMG-N2",
                                           shipping=TERMS, image_urls=("https://example.com/a.jpg",)))
    assert refused.outcome is Outcome.REJECTED and "originProduct.images" in refused.message


@pytest.mark.parametrize("code", ["coupang", "11st"])
def test_url_channels_store_the_public_addresses_and_the_detail_image(live, code):
    sandbox, make = live
    adapter = make(code)
    urls = (f"{PUBLIC}/main.jpg", f"{PUBLIC}/extra.jpg")
    [outcome] = adapter.push_listing(Listing(
        "린넨 원피스", 25000, stock=10, category_id=leaf(adapter), seller_code=f"IMG-{code}", shipping=TERMS,
        description_html="<p>원피스</p>", image_urls=urls, detail_image_url=f"{PUBLIC}/detail.jpg",
        items=[ListingItem("", "블랙", 4, 25000), ListingItem("", "화이트", 6, 25000)]))
    assert outcome.ok, outcome.message
    product = on_sandbox(sandbox, code, outcome.channel_ref)
    assert product["extra"]["images"] == list(urls)
    assert f'<img src="{PUBLIC}/detail.jpg"' in product["extra"]["description_html"]


@pytest.mark.parametrize("code, bad, reason", [
    ("coupang", ("ftp://portal.example.com/a.jpg",), "http://"),
    ("11st", ("https://portal.example.com/a.gif",), "jpg, jpeg, png, webp"),
])
def test_url_channels_refuse_addresses_their_documents_refuse(live, code, bad, reason):
    sandbox, make = live
    adapter = make(code)
    [outcome] = adapter.push_listing(Listing("원피스", 25000, stock=1, category_id=leaf(adapter),
                                             seller_code=f"BAD-{code}", shipping=TERMS, image_urls=bad))
    assert outcome.outcome is Outcome.REJECTED and reason in outcome.message


def test_coupang_sends_one_representation_and_at_most_nine_detail_images(live):
    sandbox, make = live
    coupang = make("coupang")
    urls = tuple(f"{PUBLIC}/{n}.jpg" for n in range(12))
    [outcome] = coupang.push_listing(Listing("원피스", 25000, stock=1, category_id=leaf(coupang),
                                             seller_code="IMG-C12", shipping=TERMS, image_urls=urls))
    assert outcome.ok, outcome.message
    assert on_sandbox(sandbox, "coupang", outcome.channel_ref)["extra"]["images"] == list(urls[:10])


def test_naver_image_file_gone_before_the_upload_sends_nothing_and_says_so(channel, tmp_path):
    [outcome] = naver_fixture_adapter(channel).push_listing(Listing(
        "스탠드", 20000, stock=3, category_id="50000803", seller_code="ST-1", shipping=TERMS,
        image_files=(str(tmp_path / "gone.jpg"),)))
    assert outcome.outcome is Outcome.REJECTED
    assert outcome.message == "상품 이미지 파일을 읽을 수 없습니다. 상품정보에서 이미지를 다시 등록한 뒤 연동해 주세요."
    assert not channel.calls("/v1/product-images/upload") and not channel.calls("/v2/products")
