"""The forwarder's side of 배송관리: support staff in the support panel (입고 확인, 보류, 국제 송장번호, status
changes, 배송문의 answers)."""
