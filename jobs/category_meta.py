"""고시정보·속성 불러오기: a listing's category meta (notice categories, attributes) read from its channel."""
from flask_babel import gettext

from models import Listing
from portal.extensions import db
from portal.marketplaces import ChannelError
from portal.queues import Refused

from .listings_common import adapter_for


def fetch_listing_meta(progress, tenant_id: int, listing_id: int) -> None:
    """Kept on the listing for its 판매상품 page; a job that could not read it ends as 실패."""
    from blueprints.sales.services.channel_notice import keep_meta

    listing = db.session.query(Listing).filter_by(tenant_id=tenant_id, id=listing_id).one()
    progress.set_total(1)
    progress.log(gettext("카테고리 %(category)s의 상품고시정보와 속성을 불러옵니다.", category=listing.category_id))
    _account, adapter = adapter_for(progress, tenant_id, listing.account_id)
    if adapter is None:
        raise Refused(gettext("제휴몰 계정정보를 확인해 주세요. 연동할 수 없는 계정입니다."))
    try:
        found = adapter.fetch_category_meta(listing.category_id)
    except ChannelError as error:
        raise Refused(gettext("고시정보를 불러오지 못했습니다: %(message)s", message=error.message_ko)) from None
    keep_meta(listing, found)
    db.session.commit()
    progress.step(gettext("상품고시정보 카테고리 %(n)s개, 속성 %(m)s개(필수 %(k)s개)를 불러왔습니다.",
                          n=len(found.notice_categories), m=len(found.attributes),
                          k=len(found.required_attributes)))
