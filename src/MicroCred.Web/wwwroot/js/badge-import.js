// Follows a running badge import: polls its small JSON endpoint, moves the progress bar, and reloads the page once
// the import is done so every row's outcome shows. Without this file, reloading the page by hand shows the same.
(() => {
  "use strict";

  const box = document.querySelector("[data-import-progress]");
  if (!box || box.getAttribute("data-finished") === "true") return;
  const url = box.getAttribute("data-import-progress");
  const bar = box.querySelector("progress");
  const status = box.querySelector("[data-import-status]");
  const badges = (n) => (n === 1 ? "1 badge" : `${n} badges`);
  let failures = 0;

  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const p = await response.json();
      failures = 0;
      bar.value = p.percent;
      bar.textContent = `${p.percent} %`;
      if (p.finished) {
        status.textContent = p.status === "Completed"
          ? `Done: 100 %. ${badges(p.issued)} issued, ${p.skipped} skipped, ${p.failed} failed.`
          : `${p.stopReason ?? "Stopped."} ${p.processed} of ${p.planned} rows were worked through.`;
        window.setTimeout(() => window.location.reload(), 1500);
        return;
      }
      status.textContent = `${p.percent} %: ${p.processed} of ${p.planned} rows worked through. ${badges(p.issued)} issued so far.`;
    } catch {
      failures += 1;
      if (failures >= 5) {
        status.textContent = "Lost contact with the server. Reload the page to see how far the import got.";
        return;
      }
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 500);
})();
