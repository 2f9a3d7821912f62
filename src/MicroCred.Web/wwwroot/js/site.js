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

  // On a phone the district menu folds behind its "Menu" button (the stylesheet shows the button on narrow screens only).
  const nav = document.querySelector("[data-district-nav]");
  const navToggle = nav?.querySelector(".menu-toggle");
  const setNavOpen = (open) => {
    navToggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
  };
  if (nav && navToggle) {
    nav.classList.add("foldable");
    navToggle.addEventListener("click", () => setNavOpen(navToggle.getAttribute("aria-expanded") !== "true"));
  }

  // One header menu open at a time (a group inside the open phone menu keeps it open); a click elsewhere closes them.
  const menus = () => document.querySelectorAll("details.menu[open]");
  document.querySelectorAll("details.menu").forEach((menu) => menu.addEventListener("toggle", () => {
    if (!menu.open) return;
    menus().forEach((other) => { if (other !== menu && !other.contains(menu)) other.open = false; });
  }));
  document.addEventListener("click", (event) => {
    menus().forEach((menu) => { if (!menu.contains(event.target)) menu.open = false; });
  });

  // Close an open header menu with Escape, returning focus to its toggle.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = [...menus()];
    if (open.length > 0) {
      open.forEach((menu) => { menu.open = false; });
      open[open.length - 1].querySelector("summary")?.focus();
    } else if (nav?.classList.contains("open")) {
      setNavOpen(false);
      navToggle.focus();
    }
  });

  // A table wider than the screen scrolls inside its .table-wrap: that region is then named and reachable by keyboard,
  // so it can be scrolled without a mouse.
  const markScrollingTables = () => document.querySelectorAll(".table-wrap").forEach((wrap) => {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    wrap.classList.toggle("scrolls", scrolls);
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      const table = wrap.querySelector("table");
      const labelledBy = table?.getAttribute("aria-labelledby");
      const name = table?.getAttribute("aria-label") || table?.caption?.textContent
        || (labelledBy && document.getElementById(labelledBy)?.textContent)
        || wrap.closest("section")?.querySelector("h2, h3")?.textContent || "Table";
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", `${name.trim()} (scrolls sideways)`);
    } else if (!scrolls && wrap.getAttribute("role") === "region") {
      ["tabindex", "role", "aria-label"].forEach((a) => wrap.removeAttribute(a));
    }
  });
  markScrollingTables();
  window.addEventListener("resize", markScrollingTables);
})();
