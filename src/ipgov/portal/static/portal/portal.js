/* Portal forms: the captcha is fetched only when the visitor starts a comment, an opinion or a service form
   (issue 19: a plain page view writes no captcha row). Kept out of the HTML: the CSP forbids inline script.
   Without script the slot's link reloads the page with the captcha (?captcha=1). */
(function () {
  "use strict";
  function load(slot, focus) {
    if (slot.dataset.loading === "1") return;
    slot.dataset.loading = "1";
    fetch(slot.dataset.captchaUrl, { credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } })
      .then(function (r) {
        if (r.status === 429) {  /* too many codes from this address: our own fragment says so; the link stays */
          return r.text().then(function (html) {
            var note = slot.querySelector(".captcha-refused") || slot.appendChild(document.createElement("div"));
            note.className = "captcha-refused";
            note.innerHTML = html;
            slot.dataset.loaded = "refused";  /* not asked again on every focus; the link or "another code" may */
          });
        }
        if (!r.ok) throw new Error(String(r.status));
        return r.text().then(function (html) {
          slot.innerHTML = html;  /* our own fragment: the captcha's label, image, key and answer box */
          slot.dataset.loaded = "1";
          var box = slot.querySelector("input[type=text]");
          if (focus && box) box.focus();
        });
      })
      .catch(function () { /* the link stays: it loads the page with a captcha */ })
      .then(function () { slot.dataset.loading = ""; });
  }
  function init() {
    document.querySelectorAll(".captcha-slot").forEach(function (slot) {
      var form = slot.closest("form");
      if (form) {
        form.addEventListener("focusin", function (e) {
          if (!slot.dataset.loaded) load(slot, slot.contains(e.target));  /* keep a keyboard user's place */
        });
      }
      slot.addEventListener("click", function (e) {
        var target = e.target.closest(".captcha-show, .captcha-refresh");
        if (!target) return;
        e.preventDefault();
        load(slot, true);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
