// The backpack's "Copy link" buttons. Without this file the link stays visible in its field, ready to copy by hand.
(() => {
  "use strict";

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy]");
    if (!button) return;
    const field = document.getElementById(button.getAttribute("data-copy"));
    const status = document.getElementById(button.getAttribute("aria-describedby"));
    if (!field) return;
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(field.value);
        copied = true;
      }
    } catch {
      copied = false;
    }
    if (!copied) {
      field.focus();
      field.select();
    }
    if (status) status.textContent = copied ? "Link copied." : "Press Ctrl+C (⌘C on a Mac) to copy the selected link.";
  });
})();
