/* Behaviour every page shares, kept out of the HTML so the Content-Security-Policy can forbid inline script. */
(function () {
  "use strict";
  // a <select data-autosubmit> submits its form when changed (the language selector)
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) target.form.submit();
  });
  // <input data-region-find="SELECT-ID" list="region-names">: picking a suggestion (by name or pinyin
  // initials) selects that region in the picker, which then reloads as if chosen there
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.dataset || !input.dataset.regionFind) return;
    var select = document.getElementById(input.dataset.regionFind);
    var list = document.getElementById(input.getAttribute("list"));
    if (!select || !list) return;
    var wanted = input.value.trim(), code = null;
    Array.prototype.forEach.call(list.options, function (o) { if (o.value === wanted) code = o.dataset.code; });
    event.stopPropagation();
    if (!code) return;
    select.value = code;
    input.value = "";
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }, true);
  // a <form data-confirm="…"> (a state-changing case transition) asks first, saying what it will do
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  }, true);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });
  // 大屏: the dashboard full screen (the browser's full-screen mode where allowed, else a CSS overlay)
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-fullscreen]") : null;
    if (!button) return;
    var target = document.getElementById(button.dataset.fullscreen);
    if (!target) return;
    var on = !document.body.classList.contains("bigscreen");
    document.body.classList.toggle("bigscreen", on);
    button.setAttribute("aria-pressed", on ? "true" : "false");
    if (on && target.requestFullscreen) target.requestFullscreen().catch(function () {});
    if (!on && document.fullscreenElement && document.exitFullscreen) document.exitFullscreen();
    window.dispatchEvent(new Event("resize"));
  });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement) document.body.classList.remove("bigscreen");
    window.dispatchEvent(new Event("resize"));
  });
})();
