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
    renumber(parent, parent.id === "item-rows" ? "items" : "lines");
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

  // 입고상품추가 / 출고상품추가: search, check, 추가.
  var dialog = document.getElementById("lookup-dialog");
  var lineRows = document.getElementById("line-rows");
  var template = document.getElementById("line-template");
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
    document.querySelectorAll(".open-lookup").forEach(function (button) {
      button.addEventListener("click", function () {
        document.getElementById("lookup-title").textContent = button.getAttribute("data-title");
        dialog.showModal();
        load();
      });
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
      renumber(lineRows, "lines");
      dialog.close();
    });
  }

  // 운송방식: 택배 shows 발주번호 생성 and the courier; 밀크런 the 부착서 and 쿠팡창고.
  var transport = document.getElementById("transport");
  if (transport) {
    var show = function () {
      document.querySelectorAll("[data-transport]").forEach(function (el) {
        el.hidden = el.getAttribute("data-transport") !== transport.value;
      });
    };
    transport.addEventListener("change", show);
    show();
    document.getElementById("po-generate").addEventListener("click", function (event) {
      fetch(event.target.getAttribute("data-url"), {method: "POST", credentials: "same-origin",
        body: new URLSearchParams({csrf_token: csrf()}), headers: {"X-CSRFToken": csrf()}})
        .then(function (r) { return r.json(); })
        .then(function (data) { document.getElementById("po_no").value = data.po_no; });
    });
  }
})();
