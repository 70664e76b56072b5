/* 통계관리 and the dashboard: draws the Chart.js chart described by a canvas's data-chart attribute. */
(function () {
  "use strict";
  function won(value) { return Number(value).toLocaleString("ko-KR"); }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var data = JSON.parse(canvas.dataset.chart);
    var line = data.line;
    new window.Chart(canvas, {
      type: line ? "line" : "bar",
      data: {
        labels: data.labels,
        datasets: [
          {label: canvas.dataset.labelSales, data: data.sales, borderColor: "#2f6fb3", backgroundColor: "rgba(47,111,179,0.55)"},
          {label: canvas.dataset.labelNet, data: data.net, borderColor: "#2a9d6f", backgroundColor: "rgba(42,157,111,0.55)"},
          {label: canvas.dataset.labelBefore, data: data.before, borderColor: "#a0a7b1", backgroundColor: "rgba(160,167,177,0.45)", borderDash: [6, 4]}
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: {y: {beginAtZero: true, ticks: {callback: won}}},
        plugins: {tooltip: {callbacks: {label: function (c) { return c.dataset.label + ": " + won(c.parsed.y); }}}}
      }
    });
    canvas.dataset.drawn = "1";
  });
})();
