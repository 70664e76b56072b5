/* 문의관리: 상용구 into the answer box (filled on the server), 개별전송 as a job. */
(function () {
  var pick = document.getElementById("template-pick");
  if (pick) {
    pick.addEventListener("change", function () {
      if (!pick.value) { return; }
      var url = pick.getAttribute("data-preview-url").replace(/\/0\/preview$/, "/" + pick.value + "/preview");
      fetch(url + "?inquiry_id=" + pick.getAttribute("data-inquiry"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (body) { document.getElementById("answer").value = body.text; });
    });
  }
  var send = document.querySelector("[data-send-one]");
  if (send) {
    send.addEventListener("click", function (ev) {
      ev.preventDefault();
      if (!window.confirm("답변을 제휴몰로 전송 하시겠습니까?")) { return; }
      var form = send.form;
      fetch(send.getAttribute("formaction"), { method: "POST", body: new FormData(form), credentials: "same-origin",
                                               headers: { Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
        .then(function (res) {
          if (res.ok && res.body.job_url) { window.PortalJobs.open(res.body.job_url); }
          else { window.PortalJobs.refused(res.body); }
        });
    });
  }
})();
