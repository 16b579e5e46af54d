/*
 * Behaviour every page shares, wired from data attributes because the Content-Security-Policy
 * allows no inline script or event handler:
 *   <select data-autosubmit>  submits its form when the choice changes (language, period pickers);
 *   <button data-print>       prints the page;
 *   <form data-confirm="…">   asks the question before it is sent (a step that makes or changes much);
 *   <div data-reload-after="5"> reloads the page after so many seconds (a file being prepared);
 *   <div data-fragment="URL">  is replaced by the HTML the URL answers, once the page is shown (a
 *                              part that costs more than the page: the review page's rate grid);
 *                              it keeps its own content, a link, when the request fails.
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
  document.querySelectorAll("[data-fragment]").forEach(function (element) {
    fetch(element.dataset.fragment, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (html) {
        element.innerHTML = html;
        element.removeAttribute("aria-busy");
      })
      .catch(function () {
        element.removeAttribute("aria-busy");
      });
  });
  document.querySelectorAll("[data-print]").forEach(function (element) {
    element.addEventListener("click", function () {
      window.print();
    });
  });
})();
