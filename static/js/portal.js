/*
 * Behaviour every page shares, wired from data attributes because the Content-Security-Policy
 * allows no inline script or event handler:
 *   <select data-autosubmit>  submits its form when the choice changes (language, period pickers);
 *   <button data-print>       prints the page;
 *   <form data-confirm="…">   asks the question before it is sent (a step that makes or changes much);
 *   <div data-reload-after="5"> reloads the page after so many seconds (a file being prepared).
 */
(function () {
  "use strict";
  document.querySelectorAll("[data-autosubmit]").forEach(function (element) {
    element.addEventListener("change", function () {
      element.form.submit();
    });
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
  var reload = document.querySelector("[data-reload-after]");
  if (reload) {
    window.setTimeout(function () {
      window.location.reload();
    }, 1000 * Number(reload.dataset.reloadAfter));
  }
  document.querySelectorAll("[data-print]").forEach(function (element) {
    element.addEventListener("click", function () {
      window.print();
    });
  });
})();
