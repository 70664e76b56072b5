/* 창고관리 pages: item rows, the 번역 suggestion, the 상품추가 popup, 발주번호 생성, 운송방식. */
(function () {
  "use strict";
  function csrf() {
    var input = document.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }
  function renumber(container, prefix) {
    Array.prototype.forEach.call(container.children, function (row, index) {
      var no = row.querySelector(".no");
      if (no) { no.textContent = index + 1; }
      row.querySelectorAll("[name]").forEach(function (el) {
        el.name = el.name.replace(new RegExp("^" + prefix + "-\\d+-"), prefix + "-" + index + "-");
      });
    });
  }

  // 신규상품정보추가 / 삭제: a copy of the last item with its inputs emptied.
  var itemRows = document.getElementById("item-rows");
  var addItem = document.getElementById("add-item");
  if (itemRows && addItem) {
    addItem.addEventListener("click", function () {
      var last = itemRows.lastElementChild;
      var copy = last.cloneNode(true);
      copy.querySelectorAll("input[type=text], input[type=file]").forEach(function (el) {
        if (!/owner_name$/.test(el.name)) { el.value = ""; }
      });
      copy.querySelectorAll(".error").forEach(function (el) { el.remove(); });
      var index = itemRows.children.length;  // renamed before it joins the page: radios stay in their own group
      copy.querySelectorAll("[name]").forEach(function (el) {
        el.name = el.name.replace(/^items-\d+-/, "items-" + index + "-");
      });
      copy.querySelector("input[value=no][type=radio]").checked = true;
      itemRows.appendChild(copy);
      renumber(itemRows, "items");
    });
  }
  document.addEventListener("click", function (event) {
    var remove = event.target.closest(".remove-row");
    if (!remove) { return; }
    var row = remove.closest("fieldset");
    var parent = row.parentElement;
    if (parent.id === "item-rows" && parent.children.length === 1) { return; }
    row.remove();
    if (parent.id === "item-rows") { renumber(parent, "items"); } else { renumberLines(); }
  });

  // 번역: fills 한글/영문 only when pressed, from the glossary; the seller edits the suggestion.
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".translate");
    if (!button) { return; }
    var form = button.closest("form");
    var row = button.closest(".wh-item") || form;
    var zh = row.querySelector(".name-zh").value;
    var body = new URLSearchParams({name_zh: zh, csrf_token: csrf()});
    fetch(form.getAttribute("data-translate-url"), {method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRFToken": csrf()}})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        row.querySelector(".name-ko").value = data.ko;
        row.querySelector(".name-en").value = data.en;
        var note = row.querySelector(".translate-note");
        if (note) {
          note.hidden = !data.unknown;
          note.textContent = data.unknown ? (document.documentElement.lang === "en"
            ? "Not in the glossary, finish by hand: " : "용어집에 없는 글자(직접 보완해 주세요): ") + data.unknown : "";
        }
      });
  });

  // 상품정보수정 popup: the list opens it in its own window; 닫기 closes it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.popup");
    if (link) {
      event.preventDefault();
      window.open(link.href, link.getAttribute("data-popup"), "width=900,height=800");
    }
    if (event.target.id === "close-popup") {
      if (window.opener) { window.opener.location.reload(); window.close(); } else { history.back(); }
    }
  });

  // Lines are numbered across the whole page (입고: one list; 출고: every 주문서's list in turn),
  // and each 출고 line names its 주문서.
  function renumberLines() {
    document.querySelectorAll(".line-rows, #line-rows").forEach(function (list) {
      var block = list.closest(".order-block");
      Array.prototype.forEach.call(list.children, function (row, index) {
        var no = row.querySelector(".no");
        if (no) { no.textContent = index + 1; }
        var order = row.querySelector(".line-order");
        if (order && block) { order.value = block.getAttribute("data-order"); }
      });
    });
    document.querySelectorAll(".line-rows > fieldset, #line-rows > fieldset").forEach(function (row, index) {
      row.querySelectorAll("[name]").forEach(function (el) {
        el.name = el.name.replace(/^lines-\d+-/, "lines-" + index + "-");
      });
    });
  }

  // 주문서 추가 / 주문서 삭제 (출고신청): a fresh 주문서 from the page's template.
  var orderBlocks = document.getElementById("order-blocks");
  var orderTemplate = document.getElementById("order-template");
  if (orderBlocks && orderTemplate) {
    var nextOrder = orderBlocks.children.length;
    document.getElementById("add-order").addEventListener("click", function () {
      var html = orderTemplate.innerHTML.replace(/orders-999-/g, "orders-" + nextOrder + "-")
        .replace('data-order="999"', 'data-order="' + nextOrder + '"');
      orderBlocks.insertAdjacentHTML("beforeend", html);
      nextOrder += 1;
      orderBlocks.querySelectorAll(".order-no").forEach(function (el, i) { el.textContent = i + 1; });
      showTransports();
    });
    orderBlocks.addEventListener("click", function (event) {
      if (!event.target.classList.contains("remove-order") || orderBlocks.children.length === 1) { return; }
      event.target.closest(".order-block").remove();
      orderBlocks.querySelectorAll(".order-no").forEach(function (el, i) { el.textContent = i + 1; });
      renumberLines();
    });
  }

  // 입고상품추가 / 출고상품추가: search, check, 추가 (출고: into the 주문서 whose button opened it).
  var dialog = document.getElementById("lookup-dialog");
  var template = document.getElementById("line-template");
  var lineRows = document.querySelector(".line-rows, #line-rows");
  if (dialog && lineRows && template) {
    var search = document.getElementById("lookup-search");
    var tbody = document.getElementById("lookup-rows");
    var found = {};
    var load = function () {
      var params = new URLSearchParams(new FormData(search));
      fetch(search.getAttribute("data-url") + "?" + params, {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          tbody.innerHTML = "";
          data.items.forEach(function (item) {
            found[item.id] = item;
            var tr = document.createElement("tr");
            var cells = [item.warehouse, "", item.owner_name, item.name_zh, item.fnsku, String(item.available)];
            var check = document.createElement("td");
            var box = document.createElement("input");
            box.type = "checkbox"; box.value = item.id; box.setAttribute("aria-label", item.fnsku);
            check.appendChild(box); tr.appendChild(check);
            cells.forEach(function (text, i) {
              var td = document.createElement("td");
              if (i === 1 && item.image) {
                var img = document.createElement("img"); img.src = item.image; img.width = 40; td.appendChild(img);
              } else { td.textContent = text; }
              tr.appendChild(td);
            });
            tbody.appendChild(tr);
          });
        });
    };
    document.addEventListener("click", function (event) {
      var button = event.target.closest(".open-lookup");
      if (!button) { return; }
      var block = button.closest(".order-block");
      lineRows = block ? block.querySelector(".line-rows") : document.getElementById("line-rows");
      document.getElementById("lookup-title").textContent = button.getAttribute("data-title");
      dialog.showModal();
      load();
    });
    search.addEventListener("submit", function (event) { event.preventDefault(); load(); });
    document.getElementById("lookup-close").addEventListener("click", function () { dialog.close(); });
    document.getElementById("lookup-add").addEventListener("click", function () {
      tbody.querySelectorAll("input:checked").forEach(function (box) {
        var item = found[box.value];
        if (lineRows.querySelector('[data-item="' + item.id + '"]')) { return; }
        var row = template.content.firstElementChild.cloneNode(true);
        row.setAttribute("data-item", item.id);
        row.querySelector(".desc").textContent = item.warehouse + " · " + item.owner_name + " · " +
          item.name_zh + " · " + item.fnsku + (item.option ? " · " + item.option : "");
        var available = row.querySelector(".available");
        if (available) { available.textContent = item.available; }
        row.querySelectorAll("[data-name]").forEach(function (el) {
          el.name = "lines-0-" + el.getAttribute("data-name");
          if (el.getAttribute("data-name") === "item_id") { el.value = item.id; }
          if (el.getAttribute("data-name") === "quantity" && available) { el.max = item.available; }
        });
        lineRows.appendChild(row);
      });
      renumberLines();
      dialog.close();
    });
  }

  // 운송방식 (per 주문서): 택배 shows 발주번호 생성 and the courier; 밀크런 the 부착서 and 쿠팡창고.
  function showTransports() {
    document.querySelectorAll("#order-blocks .order-block").forEach(function (block) {
      var transport = block.querySelector(".transport");
      block.querySelectorAll("[data-transport]").forEach(function (el) {
        el.hidden = el.getAttribute("data-transport") !== transport.value;
      });
    });
  }
  if (orderBlocks) {
    orderBlocks.addEventListener("change", function (event) {
      if (event.target.classList.contains("transport")) { showTransports(); }
    });
    orderBlocks.addEventListener("click", function (event) {
      if (!event.target.classList.contains("po-generate")) { return; }
      var input = event.target.closest(".order-block").querySelector(".po-no");
      fetch(event.target.getAttribute("data-url"), {method: "POST", credentials: "same-origin",
        body: new URLSearchParams({csrf_token: csrf()}), headers: {"X-CSRFToken": csrf()}})
        .then(function (r) { return r.json(); })
        .then(function (data) { input.value = data.po_no; });
    });
    showTransports();
  }
})();
