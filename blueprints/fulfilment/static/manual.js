/* 수기주문 개별 등록: the 연결 SKU 추가 popup (상품 조회) and the SKU lines it fills in the form. */
(function () {
  "use strict";

  // The form: the SKU lines and the button that opens the popup.
  function addSkus(skus) {
    var box = document.getElementById("sku-lines");
    if (!box) { return; }
    skus.forEach(function (sku) {
      var inputs = Array.prototype.slice.call(box.querySelectorAll("input[name=sku]"));
      if (inputs.some(function (el) { return el.value.trim() === sku; })) { return; }
      var free = inputs.filter(function (el) { return !el.value.trim(); })[0];
      if (!free) {
        var row = box.querySelector(".sku-line:last-of-type").cloneNode(true);
        row.querySelectorAll("input").forEach(function (el) { el.value = ""; });
        box.appendChild(row);
        free = row.querySelector("input[name=sku]");
      }
      free.value = sku;
      var qty = free.closest(".sku-line").querySelector("input[name=quantity]");
      if (!qty.value.trim()) { qty.value = "1"; }
    });
  }
  window.manualOrderAddSkus = addSkus;

  document.addEventListener("click", function (ev) {
    var opener = ev.target.closest("[data-sku-popup]");
    if (opener) {
      ev.preventDefault();
      window.open(opener.href, "sku-popup", "width=760,height=680,scrollbars=yes");
      return;
    }
    if (ev.target.closest("[data-close-window]")) { window.close(); return; }
    var all = ev.target.closest("[data-check-all]");
    if (all) {
      document.querySelectorAll("#sku-list input[name=sku]").forEach(function (box) { box.checked = all.checked; });
    }
  });

  // The popup: 추가 hands the checked SKUs to the form that opened it.
  document.addEventListener("submit", function (ev) {
    if (ev.target.id !== "sku-pick") { return; }
    ev.preventDefault();
    var picked = Array.prototype.map.call(document.querySelectorAll("#sku-list input[name=sku]:checked"),
      function (box) { return box.value; });
    if (!picked.length) { window.alert("추가할 SKU를 체크해 주세요."); return; }
    if (window.opener && window.opener.manualOrderAddSkus) {
      window.opener.manualOrderAddSkus(picked);
      window.close();
    } else {
      window.alert("선택한 SKU: " + picked.join(", "));
    }
  });
}());
