"""마켓별 일괄 배송 통지: international tracking numbers back to the channels (API orders through the invoice
outbox, file orders as a download in the channel's tracking-upload layout)."""
