// Progressive enhancements only: every page works without this file.
(() => {
  "use strict";

  // Move focus to the error summary so screen-reader and keyboard users land on the problems.
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();

  // Confirm destructive actions: <button data-confirm="Remove Pat?">.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) event.preventDefault();
  });

  // Suggest a URL name from the district name until the person edits it themselves.
  const name = document.querySelector("[data-slug-source]");
  const slug = document.querySelector("[data-slug-target]");
  if (name && slug) {
    let edited = slug.value.length > 0;
    slug.addEventListener("input", () => { edited = true; });
    name.addEventListener("input", () => {
      if (edited) return;
      slug.value = name.value.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
        .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
    });
  }

  // Close an open header menu with Escape, returning focus to its toggle.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.menu[open]").forEach((menu) => {
      menu.removeAttribute("open");
      menu.querySelector("summary")?.focus();
    });
  });
})();
