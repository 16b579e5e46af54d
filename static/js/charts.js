/*
 * Draw every <canvas data-chart="ID"> from the JSON in <script id="ID"> (Django's |json_script).
 * The JSON is {type, labels, datasets: [{label, data}]}; colours come from the portal palette so that
 * pages reusing this script (the leadership dashboard too) look alike. Requires Chart.js (vendored).
 */
(function () {
  "use strict";
  var palette = ["#0b5394", "#c0392b", "#27ae60", "#8e44ad", "#e67e22", "#16a085"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = palette[index % palette.length];
      return {label: dataset.label, data: dataset.data, backgroundColor: colour, borderColor: colour, tension: 0.2};
    });
    new Chart(canvas, {
      type: spec.type || "bar",
      data: {labels: spec.labels, datasets: datasets},
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // Drawn at once: a page printed or captured mid-animation would show wrong bars.
        animation: false,
        scales: {y: {beginAtZero: true, ticks: {precision: 0}}},
        plugins: {legend: {position: "bottom"}},
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
