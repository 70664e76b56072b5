/* 판매정보/판매상품 page behaviour: category search, live margin, tiers, select-all. No inline scripts (CSP). */
(function () {
  "use strict";
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  all("[data-check-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      all("input[name=listing_id]", box.closest("form") || document).forEach(function (c) { c.checked = box.checked; });
    });
  });

  // A button with data-plain-submit posts its form normally (not as a job) to its formaction.
  all("[data-plain-submit]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var form = btn.closest("form");
      form.removeAttribute("data-job-form");
      form.setAttribute("data-confirm", btn.getAttribute("data-confirm-text") || "");
    });
  });

  var find = document.querySelector("[data-category-find]");
  if (find) {
    var input = document.querySelector("[data-category-search]");
    var results = document.querySelector("[data-category-results]");
    var search = function () {
      var cached = 0;
      fetch(input.getAttribute("data-category-search") + "&q=" + encodeURIComponent(input.value),
            { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { cached = parseInt(r.headers.get("X-Categories-Cached") || "0", 10); return r.json(); })
        .then(function (rows) {
          results.innerHTML = "";
          rows.forEach(function (row) {
            var opt = document.createElement("option");
            opt.value = row.id; opt.textContent = row.path + (row.leaf ? "" : " (상위)");
            opt.dataset.path = row.path;
            results.appendChild(opt);
          });
          if (!rows.length) {
            var none = document.createElement("option");
            none.disabled = true;
            none.textContent = cached ? "'" + input.value + "'에 맞는 카테고리가 없습니다. 다른 이름으로 검색해 주세요."
                                      : "검색 결과가 없습니다. 카테고리 가져오기를 먼저 실행해 주세요.";
            results.appendChild(none);
          }
          results.hidden = false;
        });
    };
    find.addEventListener("click", search);
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); search(); } });
    results.addEventListener("change", function () {
      var opt = results.options[results.selectedIndex];
      document.getElementById("category_id").value = opt.value;
      document.querySelector("[data-category-path]").textContent = opt.dataset.path;
    });
  }

  var marginBox = document.querySelector("[data-margin]");
  if (marginBox) {
    var out = marginBox.querySelector("[data-margin-out]");
    var sale = document.getElementById("sale_price");
    var update = function () {
      var rep = parseInt(marginBox.getAttribute("data-rep"), 10), price = parseInt(sale.value.replace(/,/g, ""), 10);
      out.textContent = rep && price ? (Math.round((price - rep) * 1000 / price) / 10).toFixed(1) : "-";
    };
    sale.addEventListener("input", update);
  }

  var tierAdd = document.querySelector("[data-tier-add]");
  if (tierAdd) {
    tierAdd.addEventListener("click", function () {
      var box = document.querySelector("[data-tiers]"), last = box.lastElementChild;
      var copy = last.cloneNode(true);
      all("input", copy).forEach(function (i) { i.value = ""; });
      box.appendChild(copy);
    });
  }

  var copyAddr = document.querySelector("[data-copy-address]");
  if (copyAddr) {
    copyAddr.addEventListener("click", function () {
      document.getElementById("return_zip").value = document.getElementById("ship_zip").value;
      document.getElementById("return_address").value = document.getElementById("ship_address").value;
    });
  }

  all("[data-counter-max]").forEach(function (area) {
    var counter = document.querySelector("[data-counter-of=" + area.id + "]");
    area.addEventListener("input", function () { counter.textContent = area.value.length; });
  });
})();
