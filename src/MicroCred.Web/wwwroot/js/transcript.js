// The transcript's print button (the page prints well without it, from the browser's menu).
(() => {
  "use strict";
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
})();
