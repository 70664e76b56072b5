"""배송관리 SKU master: 단일상품관리 / 조합형상품관리, SKU matching of order lines, 미매칭 목록."""
