"""Walking an order list page by page (다음) shows every line its filters match once, newest first, and no other seller's."""
import re

from models import ChannelAccount, ChannelOrderLine
from portal.extensions import db

from .test_list_counts import add_line, kst_wall


def walk(client, url: str) -> list[str]:
    """The 제휴몰 주문번호 of every row, following 다음 to the end."""
    seen = []
    while url:
        html = client.get(url).get_data(as_text=True)
        seen += re.findall(r"<td>(P[\w-]+)<br><small>", html)
        nxt = re.search(r'<a href="([^"]+)" id="next-page">', html)
        url = nxt.group(1).replace("&amp;", "&") if nxt else None
    return seen


def test_pages_walk_every_matching_line_once_newest_first(client, auth, seller, other_seller):
    mine = ChannelAccount(tenant_id=seller.id, channel="sandbox", alias="본점", status="active")
    theirs = ChannelAccount(tenant_id=other_seller.id, channel="sandbox", alias="남의가게", status="active")
    db.session.add_all([mine, theirs])
    db.session.commit()
    expected = []
    for n in range(300):  # the other seller's lines sit between ours, as collection writes them
        line = add_line(seller, mine, f"P{n:03d}", kst_wall(n % 20, 10), status=("NEW", "CONFIRMED")[n % 2])
        line.courier_code = "HANJIN" if n % 3 else "CJGLS"
        add_line(other_seller, theirs, f"P-other-{n:03d}", kst_wall(n % 20, 11)).courier_code = "HANJIN"
        db.session.flush()
        if n % 3 and n % 20 < 14 and line.status == "CONFIRMED":
            expected.append((line.id, line.channel_order_id))
    db.session.commit()
    want = [no for _id, no in sorted(expected, reverse=True)]
    assert len(want) > 50  # more than one page
    auth.login()
    got = walk(client, "/orders/status?days=14&courier=HANJIN&stage=CONFIRMED")
    assert got == want
    everything = walk(client, "/orders/status?days=365")
    assert len(everything) == len(set(everything)) == 300
    assert not [no for no in everything if "other" in no]
    assert db.session.query(ChannelOrderLine).count() == 600
