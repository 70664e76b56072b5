/* Portal page behaviour: the 연동상황 progress window and confirm prompts. No inline scripts (CSP). */
(function () {
  "use strict";
  var win = document.getElementById("job-window");
  var timer = null, lastId = 0, currentUrl = null;

  function q(sel) { return win.querySelector(sel); }

  function render(data) {
    q("[data-job-kind]").textContent = data.kind + " #" + data.id;
    q("[data-job-status]").textContent = data.status_label;
    q("[data-job-counts]").textContent = data.total
      ? " (" + data.done + "/" + data.total + ", 성공 " + data.ok + ", 실패 " + data.failed + ")" : "";
    q("[data-job-bar]").style.width = data.percent + "%";
    q("[data-job-bar]").setAttribute("aria-valuenow", data.percent);
    var list = q("[data-job-lines]");
    data.lines.forEach(function (line) {
      var li = document.createElement("li");
      li.className = "line-" + line.level;
      li.textContent = line.at + "  " + line.text;
      list.appendChild(li);
      lastId = line.id;
    });
    list.scrollTop = list.scrollHeight;
    var file = q("[data-job-file]");
    if (data.file) { file.hidden = false; file.href = currentUrl.replace(/\.json$/, "/file"); }
    win.dataset.status = data.status;
    var ask = q("[data-job-ask]");
    if (ask) {
      ask.hidden = !(data.finished && (data.status === "failed" || data.failed > 0));
      ask.href = ask.getAttribute("data-base") + "?run_id=" + data.id;
    }
    return data.finished;
  }

  function poll() {
    fetch(currentUrl + "?after=" + lastId, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { if (!render(data)) { timer = setTimeout(poll, 700); } })
      .catch(function () { timer = setTimeout(poll, 2000); });
  }

  function open(url) {
    clearTimeout(timer);
    currentUrl = url; lastId = 0;
    q("[data-job-lines]").innerHTML = "";
    q("[data-job-file]").hidden = true;
    if (q("[data-job-ask]")) { q("[data-job-ask]").hidden = true; }
    q("[data-job-page]").href = url.replace(/\.json$/, "");
    win.dataset.status = "";
    win.hidden = false;
    poll();
  }

  // A page marked data-job-reload shows the job's outcome in its own rows once the window is closed.
  function close() {
    clearTimeout(timer); win.hidden = true;
    if (win.dataset.status && document.querySelector("[data-job-reload]")) { window.location.reload(); }
  }

  // A refusal shown as an alert offers 1:1 문의하기 (with the job when the answer names one) on seller pages.
  function refused(body) {
    var text = (body && body.error) || "요청을 처리할 수 없습니다.";
    var ask = document.body.getAttribute("data-support-ask");
    if (!ask) { window.alert(text); return; }
    if (window.confirm(text + "\n\n1:1 문의하기로 지원센터에 알리시겠습니까?")) {
      window.location.href = ask + (body && body.run_id ? "?run_id=" + body.run_id : "");
    }
  }

  window.PortalJobs = { open: open, close: close, refused: refused };

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest("[data-job-url]");
    if (t) { ev.preventDefault(); open(t.getAttribute("data-job-url")); return; }
    if (ev.target.closest("[data-job-close]")) { close(); }
  });

  // A form with data-job-form posts in the background and opens the window on the job it started.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { ev.preventDefault(); return; }
    if (!form.hasAttribute("data-job-form")) { return; }
    ev.preventDefault();
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
                         headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (res.ok && res.body.job_url) {
          // The job has started: a dialog the form sat in would hide its window and block its ✕.
          var dialog = form.closest("dialog");
          if (dialog && dialog.open) { dialog.close(); }
          open(res.body.job_url);
        }
        else { refused(res.body); }
      });
  });

  var auto = document.querySelector("[data-job-autoopen]");
  if (auto) { open(auto.getAttribute("data-job-autoopen")); }
})();
