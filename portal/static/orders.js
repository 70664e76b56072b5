/* 주문관리 / 배송관리 pages: dialogs, select-all, copying checked lines into forms, one window per account job. */
(function () {
  "use strict";

  function checkedLines() {
    return Array.prototype.map.call(document.querySelectorAll("input[name=line_ids]:checked, input[data-line]:checked"),
      function (box) { return box.value; });
  }

  // Capture phase: runs before portal.js reads the form, so the copied ids travel with it.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.hasAttribute("data-copy-lines")) { return; }
    form.querySelectorAll("input[data-copied]").forEach(function (el) { el.remove(); });
    checkedLines().forEach(function (id) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = form.getAttribute("data-copy-name") || "line_ids";
      input.value = id; input.setAttribute("data-copied", "");
      form.appendChild(input);
    });
  }, true);

  document.addEventListener("click", function (ev) {
    var opener = ev.target.closest("[data-open-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-open-dialog"));
      var now = dialog.querySelector("[data-default-now]");
      if (now && !now.value) {
        // The portal reads 출고 예정일시 as Korean time, whatever the browser's own zone: now + 1 hour, KST.
        now.value = new Date(Date.now() + (9 + 1) * 3600 * 1000).toISOString().slice(0, 16);
      }
      dialog.showModal();
      return;
    }
    var closer = ev.target.closest("[data-close-dialog]");
    if (closer) { closer.closest("dialog").close(); return; }
    var link = ev.target.closest("[data-confirm-link]");
    if (link && !window.confirm(link.getAttribute("data-confirm-link"))) { ev.preventDefault(); }
  });

  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t.hasAttribute("data-check-all")) {
      t.closest("table").querySelectorAll("tbody input[type=checkbox]").forEach(function (b) { b.checked = t.checked; });
    }
    if (t.hasAttribute("data-check-group")) {
      document.querySelectorAll("input[name=" + t.getAttribute("data-check-group") + "]")
        .forEach(function (b) { b.checked = t.checked; });
    }
    if (t.hasAttribute("data-courier-all") && t.value) {
      document.querySelectorAll("select[data-courier]").forEach(function (s) { s.value = t.value; });
    }
  });

  // A collection starts one job per account: offer every job's window, not only the first.
  var links = document.getElementById("job-links");
  if (links) {
    var origFetch = window.fetch;
    window.fetch = function () {
      return origFetch.apply(this, arguments).then(function (resp) {
        resp.clone().json().then(function (body) {
          if (!body || !body.jobs || body.jobs.length < 2) { return; }
          var list = links.querySelector("ul");
          list.innerHTML = "";
          body.jobs.forEach(function (job) {
            var li = document.createElement("li"), a = document.createElement("a");
            a.href = job.job_url.replace(/\.json$/, ""); a.textContent = job.kind;
            a.setAttribute("data-job-url", job.job_url);
            li.appendChild(a); list.appendChild(li);
          });
          links.hidden = false;
        }).catch(function () { return null; });
        return resp;
      });
    };
  }
})();
