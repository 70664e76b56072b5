"""Demo orders: the sandbox sells the demo catalogue and makes a return and an exchange per account; then a collection."""
from jobs import orders as order_jobs
from models import ChannelAccount
from portal.queues import enqueue
from portal.tenancy import tenant_query


def load_demo_orders(tenant) -> None:
    """Enqueue one demo job per sandbox account; running it twice adds nothing (the job checks first)."""
    accounts = tenant_query(ChannelAccount, tenant).filter(ChannelAccount.endpoint == "sandbox",
                                                           ChannelAccount.status == "active").all()
    for account in accounts:
        enqueue(order_jobs.demo_collect, kind="데모 주문 준비", queue="channel", tenant_id=tenant.id,
                account_id=account.id)
