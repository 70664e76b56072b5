"""Signed public image addresses: one image of one seller, without a login; anything else is 404."""
import io
import secrets
from urllib.parse import urlsplit

from PIL import Image

from blueprints.products.services import images
from portal import public_images


def _jpeg(color) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (50, 50), color).save(buf, "JPEG")
    return buf.getvalue()


def _path(url: str) -> str:
    return urlsplit(url).path


def test_no_public_address_without_a_base_url(app, seller):
    app.config["PUBLIC_BASE_URL"] = ""
    name = images.store_content(seller.id, _jpeg("red"))
    assert public_images.public_url(seller.id, name) == ""


def test_a_signed_address_serves_exactly_that_image_without_a_login(app, client, seller):
    app.config["PUBLIC_BASE_URL"] = "https://portal.example.com/"
    name = images.store_content(seller.id, _jpeg("red"))
    url = public_images.public_url(seller.id, name)
    assert url.startswith("https://portal.example.com/public/images/") and url.endswith(".jpg")
    resp = client.get(_path(url))          # nobody is logged in
    assert resp.status_code == 200 and resp.mimetype == "image/jpeg"
    assert Image.open(io.BytesIO(resp.data)).size == (1000, 1000)
    # Stable: the same image gets the same address every time (channels keep showing it).
    assert public_images.public_url(seller.id, name) == url


def test_a_bad_signature_or_another_sellers_image_is_404(app, client, seller, other_seller):
    app.config["PUBLIC_BASE_URL"] = "https://portal.example.com"
    mine = images.store_content(seller.id, _jpeg("red"))
    # B's picture is one no other test stores: stored names follow the content, and a seller id can
    # come round again in one run (the migration tests rebuild the sequences)
    blue = (secrets.randbelow(60), secrets.randbelow(60), 230 + secrets.randbelow(26))  # well above the 200 checked below
    theirs = images.store_content(other_seller.id, _jpeg(blue))
    url = _path(public_images.public_url(seller.id, mine))
    token = url.rsplit("/", 1)[1][:-4]
    assert client.get(url).status_code == 200
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/public/images/{tampered}.jpg").status_code == 404
    assert client.get("/public/images/nothing.jpg").status_code == 404
    # A token the portal signed for seller A naming seller B's file finds nothing in A's folder.
    assert client.get(_path(public_images.public_url(seller.id, theirs))).status_code == 404
    # Seller B's id with A's signature payload: a payload changed by hand fails the signature.
    from itsdangerous import URLSafeSerializer

    forged = URLSafeSerializer("not-the-secret", salt=public_images.SALT).dumps([other_seller.id, theirs])
    assert client.get(f"/public/images/{forged}.jpg").status_code == 404
    # The address signed for B serves B's image, and only to B's address.
    theirs_url = _path(public_images.public_url(other_seller.id, theirs))
    assert Image.open(io.BytesIO(client.get(theirs_url).data)).getpixel((500, 500))[2] > 200
    assert theirs_url != url
