/*
 * Behaviour every page shares, wired from data attributes because the Content-Security-Policy
 * allows no inline script or event handler:
 *   <select data-autosubmit>  submits its form when the choice changes (language, period pickers);
 *   <button data-print>       prints the page.
 */
(function () {
  "use strict";
  document.querySelectorAll("[data-autosubmit]").forEach(function (element) {
    element.addEventListener("change", function () {
      element.form.submit();
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (element) {
    element.addEventListener("click", function () {
      window.print();
    });
  });
})();
