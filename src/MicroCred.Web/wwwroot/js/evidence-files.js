// "My evidence files": when the uploader has stored a file, refresh the list from this same page on the server.
(() => {
  "use strict";
  const list = document.querySelector("[data-evidence-file-list]");
  if (!list) return;
  document.addEventListener("evidence-upload-complete", async () => {
    try {
      const response = await fetch(window.location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-evidence-file-list]");
      if (fresh) list.replaceChildren(...fresh.childNodes);
    } catch {
      // The list is up to date on the next visit.
    }
  });
})();
