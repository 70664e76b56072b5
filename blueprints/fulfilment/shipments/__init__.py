"""배송관리 shipment flow: 대기목록, 배송접수, 묶음/분리/재배송, 배송타입변경 and 삭제목록 (services and routes)."""
