/* 상품정보관리 page behaviour: name width, category tree, 중복체크, 품목고시, 옵션형식, 옵션추가, 추가상품 rows. */
(function () {
  "use strict";
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); });
  }

  // 상품명: Hangul counts 2, everything else 1; the limit is 40.
  var nameInput = $("[data-name-width]"), counter = $("[data-name-counter]");
  function width(text) {
    var w = 0;
    for (var i = 0; i < text.length; i++) { w += /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3000-\u9fff\uff00-\uffef]/.test(text[i]) ? 2 : 1; }
    return w;
  }
  if (nameInput && counter) {
    var update = function () {
      var w = width(nameInput.value.trim());
      counter.textContent = w + "/40";
      counter.classList.toggle("over", w > 40);
    };
    nameInput.addEventListener("input", update);
    update();
  }

  // 카테고리: 대/중/소/세분류 selects, 적용 + and 삭제.
  var picker = $("[data-category-picker]");
  if (picker) {
    var selects = $$("select", picker), chosen = null;
    var chosenText = $("[data-category-chosen]"), applied = $("[data-category-applied]");
    var hidden = $("#category_code"), clearBtn = $("[data-category-clear]");
    var path = function () {
      return selects.filter(function (s) { return s.selectedIndex >= 0; })
        .map(function (s) { return s.options[s.selectedIndex].text; }).join(" > ");
    };
    selects.forEach(function (sel, i) {
      sel.addEventListener("change", function () {
        chosen = sel.value;
        selects.slice(i + 1).forEach(function (s) { s.innerHTML = ""; });
        chosenText.textContent = path();
        var next = selects[i + 1];
        if (!next) { return; }
        getJSON(picker.getAttribute("data-url") + "?parent=" + encodeURIComponent(sel.value))
          .then(function (kids) {
            kids.forEach(function (k) { next.appendChild(el("option", { value: k.code }, k.name)); });
          });
      });
    });
    $("[data-category-apply]").addEventListener("click", function () {
      if (!chosen) { window.alert("카테고리를 선택해 주세요."); return; }
      hidden.value = chosen;
      applied.textContent = path();
      clearBtn.hidden = false;
    });
    clearBtn.addEventListener("click", function () {
      hidden.value = ""; applied.textContent = ""; clearBtn.hidden = true;
    });
  }

  // 자체상품코드 중복체크.
  var ownBtn = $("[data-own-code-check]");
  if (ownBtn) {
    ownBtn.addEventListener("click", function () {
      var url = ownBtn.getAttribute("data-url") + "?code=" + encodeURIComponent($("#own_code").value)
        + "&product_id=" + encodeURIComponent(ownBtn.getAttribute("data-product"));
      getJSON(url).then(function (res) {
        var out = $("[data-own-code-result]");
        out.textContent = res.message;
        out.className = res.ok ? "ok" : "error";
      });
    });
  }

  // Repeating rows (원재료, 인증정보): + copies the last row empty, - removes one.
  document.addEventListener("click", function (ev) {
    var add = ev.target.closest("[data-row-add]");
    if (add) {
      var table = document.getElementById(add.getAttribute("data-row-add"));
      var body = $("tbody", table), rows = $$("[data-row]", body);
      var max = parseInt(table.getAttribute("data-max") || "99", 10);
      if (rows.length >= max) { window.alert("최대 " + max + "개까지 등록할 수 있습니다."); return; }
      body.appendChild(blank(rows[rows.length - 1].cloneNode(true)));
      return;
    }
    var remove = ev.target.closest("[data-row-remove]");
    if (remove) {
      var row = remove.closest("tr"), siblings = $$("tr", row.parentNode);
      if (siblings.length > 1) { row.parentNode.removeChild(row); } else { blank(row); }
    }
  });
  function blank(node) {
    $$("input[type=text], input[type=file]", node).forEach(function (i) { i.value = ""; });
    $$("input[type=hidden][name=addon_item_image]", node).forEach(function (i) { i.value = ""; });
    $$("img", node).forEach(function (i) { i.parentNode.removeChild(i); });
    $$("select", node).forEach(function (s) { s.selectedIndex = 0; });
    return node;
  }

  // 품목고시: the chosen item group's fields, each with 상세정보 별도표기.
  var group = $("#notice_group");
  if (group) {
    group.addEventListener("change", function () {
      var body = $("[data-notice-fields] tbody");
      body.innerHTML = "";
      if (!group.value) { return; }
      getJSON(group.getAttribute("data-notice-url") + "?code=" + encodeURIComponent(group.value)).then(function (g) {
        g.fields.forEach(function (f) {
          var tr = el("tr"), th = el("th"), td = el("td"), td2 = el("td"), label = el("label");
          th.appendChild(el("span", { "class": "req" }, "*"));
          th.appendChild(document.createTextNode(" " + f.label));
          td.appendChild(el("input", { type: "text", name: "notice_" + f.key, "class": "wide" }));
          label.appendChild(el("input", { type: "checkbox", name: "notice_" + f.key + "_sep", value: "y" }));
          label.appendChild(document.createTextNode(" 상세정보 별도표기"));
          td2.appendChild(label);
          tr.appendChild(th); tr.appendChild(td); tr.appendChild(td2);
          body.appendChild(tr);
        });
      });
    });
  }

  // 옵션추가 +: the cartesian product of the values, keeping what was typed in surviving rows.
  var genBtn = $("[data-option-generate]");
  function optionRow(no, values, extra, status, stock) {
    var tr = el("tr", { "data-option-row": "" });
    var neg = String(extra).charAt(0) === "-";
    tr.innerHTML = "<td></td><td></td><td><select name=\"row_extra_sign\"><option>+</option><option>-</option></select> "
      + "<input type=\"text\" name=\"row_extra\" class=\"num\"> 원</td><td><select name=\"row_status\">"
      + "<option value=\"on\">판매가능</option><option value=\"off\">판매불가</option></select></td>"
      + "<td><input type=\"text\" name=\"row_stock\" class=\"num\"> 개</td>";
    var cells = tr.children;
    cells[0].textContent = no;
    cells[1].textContent = values;
    cells[1].appendChild(el("input", { type: "hidden", name: "row_values", value: values }));
    $("[name=row_extra_sign]", tr).selectedIndex = neg ? 1 : 0;
    $("[name=row_extra]", tr).value = String(extra).replace(/^[-+]/, "");
    $("[name=row_status]", tr).value = status;
    $("[name=row_stock]", tr).value = stock;
    return tr;
  }
  function countOptions() {
    var n = $$("[data-option-row]").length, out = $("[data-option-count]");
    if (!out) { return; }
    out.textContent = n ? "총 " + n + "개" + (n > 100 ? " — 11번가의 경우 옵션이 100개 이상 등록하실 수 없습니다." : "") : "";
    out.className = n > 100 ? "error" : "muted";
  }
  if (genBtn) {
    genBtn.addEventListener("click", function (ev) {
      ev.preventDefault();
      var names = $$("[name=opt_name]").map(function (i) { return i.value.trim(); });
      var cols = $$("[name=opt_values]").map(function (i) {
        return i.value.split(",").map(function (v) { return v.trim(); }).filter(Boolean);
      }).filter(function (c, i) { return names[i] || c.length; });
      if (!cols.length || cols.some(function (c) { return !c.length; })) {
        window.alert("옵션명과 옵션값을 입력해 주세요. 옵션값은 쉼표로 구분합니다."); return;
      }
      var combos = cols.reduce(function (acc, col) {
        var out = [];
        acc.forEach(function (a) { col.forEach(function (v) { out.push(a.concat([v])); }); });
        return out;
      }, [[]]).map(function (c) { return c.join("/"); });
      var body = $("#option-rows tbody"), old = {};
      $$("[data-option-row]", body).forEach(function (tr) {
        var sign = $("[name=row_extra_sign]", tr).value === "-" ? "-" : "";
        old[$("[name=row_values]", tr).value] = [sign + $("[name=row_extra]", tr).value,
          $("[name=row_status]", tr).value, $("[name=row_stock]", tr).value];
      });
      body.innerHTML = "";
      combos.forEach(function (v, i) {
        var o = old[v] || ["0", "on", "0"];
        body.appendChild(optionRow(i + 1, v, o[0], o[1], o[2]));
      });
      $("#use_options").checked = true;
      countOptions();
    });
    countOptions();
  }
  // 옵션형식: 조합형 shows the combination table, 구매자 입력형 only the input names.
  function showOptionType() {
    var picked = $("[name=option_type]:checked");
    var type = picked ? picked.value : "combination";
    $$("[data-option-block]").forEach(function (box) { box.hidden = box.getAttribute("data-option-block") !== type; });
  }
  $$("[name=option_type]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      showOptionType();
      if ($("#use_options")) { $("#use_options").checked = true; }
    });
  });
  var bulkBtn = $("[data-option-bulk]");
  if (bulkBtn) {
    bulkBtn.addEventListener("click", function (ev) {
      ev.preventDefault();
      var box = $("#option-bulk");
      var sign = $("[name=bulk_extra_sign]", box).value, extra = $("[name=bulk_extra]", box).value;
      var status = $("[name=bulk_status]", box).value;
      $$("[data-option-row]").forEach(function (tr) {
        $("[name=row_extra_sign]", tr).value = sign;
        $("[name=row_extra]", tr).value = extra;
        $("[name=row_status]", tr).value = status;
      });
    });
  }

  // 추가상품: + adds an item row, 추가 + adds a group (at most 5); names are renumbered on submit.
  document.addEventListener("click", function (ev) {
    var addItem = ev.target.closest("[data-addon-item-add]");
    if (addItem) {
      var body = $("[data-addon-items]", addItem.closest("[data-addon-group]"));
      var rows = $$("[data-addon-item]", body);
      body.appendChild(blank(rows[rows.length - 1].cloneNode(true)));
      return;
    }
    if (ev.target.closest("[data-addon-group-add]")) {
      var groups = $$("[data-addon-group]");
      if (groups.length >= 5) { window.alert("추가상품 그룹은 최대 5개까지 등록할 수 있습니다."); return; }
      var copy = groups[groups.length - 1].cloneNode(true);
      var items = $$("[data-addon-item]", copy);
      items.slice(1).forEach(function (r) { r.parentNode.removeChild(r); });
      blank(copy);
      $("[data-addon-groups]").appendChild(copy);
      $("#use_addons").checked = true;
    }
  });
  var form = $("#product-form");
  if (form) {
    form.addEventListener("submit", function () {
      var index = 0;
      $$("[data-addon-group]").forEach(function (g, gi) {
        $$("[data-addon-item]", g).forEach(function (row) {
          $("[name=addon_item_group]", row).value = gi;
          $("[data-addon-file]", row).name = "addon_image_" + index;
          index += 1;
        });
      });
    });
  }

  // 상품조회: select every row.
  var all = $("[data-check-all]");
  if (all) {
    all.addEventListener("change", function () {
      $$("input[name=product_id]").forEach(function (c) { c.checked = all.checked; });
    });
  }
})();
