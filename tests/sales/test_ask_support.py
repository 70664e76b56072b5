"""A failed 연동 offers 1:1 문의하기 beside it, and the form opens with that job's number and failed lines."""
import re

from .conftest import listing_of, wait_job
from .test_listing_lifecycle import change_price, live


def ask_links(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'<a class="ask-support" href="([^"]+)"', html)]


def test_a_failed_update_offers_support_with_its_job_on_the_listing_and_link_status(client, world):
    sandbox = world["sandbox"]
    product, listing = live(client, world)
    no = listing.channel_product_id
    page = client.get(f"/sales/listings/{listing.id}").get_data(as_text=True)
    assert ask_links(page) == []  # nothing failed yet: nothing to ask about

    change_price(client, listing)
    sandbox.fault("error_500", f"/products/{no}", count=5, method="PUT")
    resp = client.post(f"/sales/listings/{listing.id}/send")
    run_id = resp.get_json()["job_url"].rstrip("/").split("/")[-1].removesuffix(".json")
    wait_job(client, resp)
    listing = listing_of(product, world["interpark"])
    assert listing.status == "failed"

    page = client.get(f"/sales/listings/{listing.id}").get_data(as_text=True)
    links = ask_links(page)
    # One beside the 연동실패 reason, one on the failed 연동이력 line; both carry the failed job.
    assert len(links) == 2 and all(link.endswith(f"run_id={run_id}") for link in links), links
    status = client.get("/sales/link-status").get_data(as_text=True)
    assert [link for link in ask_links(status) if link.endswith(f"run_id={run_id}")]

    form = client.get(links[0]).get_data(as_text=True)
    assert f"작업번호 {run_id}" in form and "실패 내용" in form


def test_seller_pages_tell_the_alert_where_to_ask(client, world):
    page = client.get("/sales/link-status").get_data(as_text=True)
    assert re.search(r'<body data-support-ask="/[^"]*qna[^"]*">', page)
