"""데이터이전 job: collect what an account already sells, match or create products, link them as live."""
from datetime import timedelta

from flask_babel import gettext

from models import ChannelAccount, Listing, MigrationRequest, Product
from models.base import kst_today, utcnow
from models.listing import LIVE
from portal.extensions import db
from portal.marketplaces import ChannelError

from .listings_common import adapter_for, refresh_live_count, snapshot_of, stock_keys_of


def collect_listings(progress, tenant_id: int, request_ids: list[int]) -> None:
    from blueprints.account.migration_services import existing_listing, match_product

    requests = (db.session.query(MigrationRequest)
                .filter(MigrationRequest.tenant_id == tenant_id, MigrationRequest.id.in_(request_ids)).all())
    progress.log(gettext("상품 수집을 시작합니다."))
    for req in requests:
        account = db.session.query(ChannelAccount).filter_by(tenant_id=tenant_id, id=req.account_id).one()
        req.status, req.run_id = "running", progress.id
        db.session.commit()
        _, adapter = adapter_for(progress, tenant_id, account.id)
        try:
            rows = adapter.fetch_listings() if adapter else None
        except ChannelError as exc:
            rows, error = None, exc.message_ko
        else:
            error = "" if adapter else gettext("제휴몰 계정정보를 확인해 주세요.")
        if rows is None:
            req.status, req.result, req.collected_at = "collect_failed", gettext("수집실패: %(error)s", error=error)[:500], utcnow()
            db.session.commit()
            progress.step(gettext("%(alias)s 수집실패: %(error)s", alias=account.alias, error=error), ok=False)
            continue
        progress.set_total(progress.run.total + len(rows))
        counts = {"new": 0, "matched": 0, "kept": 0, "error": 0}
        errors = []
        for row in rows:
            if existing_listing(tenant_id, account.id, row.channel_product_id):
                counts["kept"] += 1
                progress.step(gettext("%(name)s (%(channel_product_id)s) 이미 연동된 상품입니다.",
                                      name=row.name, channel_product_id=row.channel_product_id))
                continue
            product = match_product(tenant_id, row)
            if product is not None and db.session.query(Listing).filter_by(
                    tenant_id=tenant_id, product_id=product.id, account_id=account.id).first():
                counts["error"] += 1
                errors.append(gettext("%(channel_product_id)s: 상품 %(code)s은(는) 이 계정에 다른 상품번호로 "
                                      "연동되어 있습니다.",
                                      channel_product_id=row.channel_product_id, code=product.code))
                progress.step(gettext("%(name)s (%(channel_product_id)s) 이관오류: %(value)s",
                                      name=row.name, channel_product_id=row.channel_product_id, value=errors[-1]), ok=False)
                continue
            counts["matched" if product else "new"] += 1
            product = product or _new_product(tenant_id, row)
            _live_listing(tenant_id, account, product, row)
            progress.step(gettext("%(name)s (%(channel_product_id)s) → 상품 %(code)s 연결",
                                  name=row.name, channel_product_id=row.channel_product_id, code=product.code))
        req.collected_at = utcnow()
        req.status = "import_error" if counts["error"] and not (counts["new"] + counts["matched"]) else "done"
        req.result = (gettext("수집 %(n)s건: 신규상품 %(new)s, 기존상품 연결 %(matched)s, 이미 연동 %(kept)s, "
                              "이관오류 %(error)s", n=len(rows), new=counts["new"], matched=counts["matched"],
                              kept=counts["kept"], error=counts["error"])
                      + (f" ({'; '.join(errors)})" if errors else ""))[:500]
        db.session.commit()
        progress.log(f"{account.alias}: {req.result}")
    progress.log(gettext("상품 수집을 종료합니다."))


def _new_product(tenant_id: int, row) -> Product:
    from blueprints.products.services import history
    from blueprints.products.services.catalog import assign_code

    code = (row.seller_code or "").strip()
    taken = code and db.session.query(Product).filter_by(tenant_id=tenant_id, own_code=code).first()
    product = Product(tenant_id=tenant_id, name=row.name.strip()[:100], rep_price=0, stock=max(0, row.stock),
                      own_code=code if code and len(code) <= 10 and not taken else None)
    db.session.add(product)
    db.session.flush()
    assign_code(product)
    history.record(product, gettext("데이터이전"))
    return product


def _live_listing(tenant_id: int, account, product: Product, row) -> None:
    today = kst_today()
    listing = Listing(tenant_id=tenant_id, product_id=product.id, account_id=account.id, channel=account.channel,
                      status=LIVE, channel_product_id=row.channel_product_id, seller_code=row.seller_code or "",
                      sale_price=row.price, market_price=row.price, category_id=row.category_id or "",
                      category_path=row.category_id or "", linked_at=utcnow(), sale_start=today,
                      sale_end=today + timedelta(days=90), snapshot=snapshot_of(row), snapshot_at=utcnow(),
                      stock_keys=stock_keys_of(account.channel, row), pushed_qty=row.stock, pushed_at=utcnow(),
                      last_message=gettext("데이터이전으로 연결했습니다."))
    db.session.add(listing)
    db.session.flush()
    refresh_live_count(product)
