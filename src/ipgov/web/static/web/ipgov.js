/* Behaviour every page shares, kept out of the HTML so the Content-Security-Policy can forbid inline script. */
(function () {
  "use strict";
  // a <select data-autosubmit> submits its form when changed (the language selector)
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) target.form.submit();
  });
})();
