"""연동 sends the product's images: signed public addresses to channels that take addresses, the files
themselves to 스마트스토어; without a public address a channel that needs one is refused in Korean."""
import io
from urllib.parse import urlsplit

from PIL import Image

from blueprints.products.services import images
from models import Product
from portal.extensions import db

from .conftest import add_categories, channel_products, link, listing_of, make_account, make_product, \
    make_template, request_link


def _jpeg(color) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (80, 80), color).save(buf, "JPEG")
    return buf.getvalue()


def pictured(tenant, **kw) -> Product:
    product = make_product(tenant, **kw)
    product.main_image = images.store_content(tenant.id, _jpeg("red"))
    product.extra_images = [images.store_content(tenant.id, _jpeg("blue"))]
    product.detail_image = images.store_content(tenant.id, _jpeg("green"))
    product.description = "<p>시원한 원피스</p>"
    db.session.commit()
    return product


def on_channel(world, channel, listing):
    return next(p for p in channel_products(world["sandbox"], channel)
                if p["product_no"] == listing.channel_product_id)


def test_a_channel_taking_addresses_gets_signed_public_links_anyone_can_open(app, client, world):
    app.config["PUBLIC_BASE_URL"] = "https://portal.example.com"
    tenant, interpark = world["tenant"], world["interpark"]
    product = pictured(tenant)
    link(client, [request_link(client, product, make_template(tenant, interpark))])
    listing = listing_of(product, interpark)
    assert listing.status == "live", listing.last_message
    extra = on_channel(world, "interpark", listing)["extra"]
    assert len(extra["images"]) == 2
    assert all(u.startswith("https://portal.example.com/public/images/") for u in extra["images"])
    detail = extra["description_html"]
    assert detail.startswith("<p>시원한 원피스</p>") and "/public/images/" in detail
    # The channel (nobody signed in) opens exactly the seller's pictures.
    anonymous = app.test_client()
    main = anonymous.get(urlsplit(extra["images"][0]).path)
    assert main.status_code == 200 and main.mimetype == "image/jpeg"
    assert Image.open(io.BytesIO(main.data)).getpixel((500, 500))[0] > 200   # the red 대표 image


def test_without_a_public_address_linking_says_images_cannot_be_sent_and_sends_nothing(app, client, world):
    app.config["PUBLIC_BASE_URL"] = ""
    tenant, interpark = world["tenant"], world["interpark"]
    product = pictured(tenant)
    before = len(channel_products(world["sandbox"], "interpark"))
    waiting = request_link(client, product, make_template(tenant, interpark))
    said = ("인터파크에는 이미지를 주소(URL)로 보내야 하는데, 포털의 공개 주소(PORTAL_PUBLIC_BASE_URL)가 설정되지 "
            "않아 대표/추가/상세 이미지를 보낼 수 없습니다. 관리자에게 공개 주소 설정을 요청한 뒤 다시 연동해 주세요.")
    preview = client.get(f"/sales/listings/{waiting.id}/preview").get_data(as_text=True)
    assert "대표 1개, 추가 1개, 상세 1개" in preview and said in preview   # said before anything is sent
    lines = link(client, [waiting])
    listing = listing_of(product, interpark)
    assert listing.status == "failed"
    assert listing.last_message == said
    assert any(said in ln for ln in lines)
    assert len(channel_products(world["sandbox"], "interpark")) == before
    # A product without pictures still links without a public address.
    plain = make_product(tenant, name="무지 티셔츠")
    link(client, [request_link(client, plain, make_template(tenant, interpark, group_name="티셔츠"))])
    assert listing_of(plain, interpark).status == "live"


def test_smartstore_gets_the_files_uploaded_without_any_public_address(app, client, world):
    app.config["PUBLIC_BASE_URL"] = ""
    tenant = world["tenant"]
    naver = make_account(tenant, "naver")
    add_categories(tenant, naver)
    product = pictured(tenant)
    waiting = request_link(client, product, make_template(tenant, naver))
    preview = client.get(f"/sales/listings/{waiting.id}/preview").get_data(as_text=True)
    assert "이미지 파일을 제휴몰에 먼저 등록한 뒤 그 주소로 보냅니다." in preview
    link(client, [waiting])
    listing = listing_of(product, naver)
    assert listing.status == "live", listing.last_message
    extra = on_channel(world, "naver", listing)["extra"]
    assert len(extra["images"]) == 2
    assert all(u.startswith("https://shop-phinf.pstatic.net/") for u in extra["images"])
    assert '<img src="https://shop-phinf.pstatic.net/' in extra["description_html"]
