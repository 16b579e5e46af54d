/*
 * Draw every <canvas data-chart="ID"> from the JSON in <script id="ID"> (Django's |json_script).
 * The JSON is {type, labels, datasets: [{label, data, colour?}], horizontal?, stacked?}: horizontal bars suit long
 * labels (areas, departments, countries), stacked bars show parts of a whole. Colours come from the portal palette so that
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
      var colour = dataset.colour || palette[index % palette.length];
      return {label: dataset.label, data: dataset.data, backgroundColor: colour, borderColor: colour, tension: 0.2};
    });
    var valueAxis = {beginAtZero: true, ticks: {precision: 0}, stacked: Boolean(spec.stacked)};
    var labelAxis = {stacked: Boolean(spec.stacked)};
    new Chart(canvas, {
      type: spec.type || "bar",
      data: {labels: spec.labels, datasets: datasets},
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // Drawn at once: a page printed or captured mid-animation would show wrong bars.
        animation: false,
        indexAxis: spec.horizontal ? "y" : "x",
        scales: spec.horizontal ? {x: valueAxis, y: labelAxis} : {x: labelAxis, y: valueAxis},
        plugins: {legend: {position: "bottom"}},
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
