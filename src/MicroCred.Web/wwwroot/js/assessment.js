// The scoring screen: the recommendation follows the levels as they are chosen, and the draft saves itself.
// Progressive enhancement only: without this file the server computes both on "Save draft".
(() => {
  "use strict";
  const form = document.querySelector("[data-score-form]");
  if (!form) return;

  const minTotal = form.dataset.minTotal ? Number(form.dataset.minTotal) : null;
  const criteria = Array.from(form.querySelectorAll("[data-criterion]"));
  const text = form.querySelector("[data-recommendation-text]");
  const detail = form.querySelector("[data-recommendation-detail]");
  const status = document.querySelector("[data-save-status]");

  // Award when every criterion is at or above passing (and the minimum total, if any, is met).
  function recompute() {
    let total = 0, chosen = 0, below = 0, maximum = 0;
    for (const criterion of criteria) {
      const radios = criterion.querySelectorAll("input[type=radio]");
      maximum += radios.length - 1;
      const picked = criterion.querySelector("input[type=radio]:checked");
      const needsFeedback = picked !== null && picked.dataset.below === "true";
      if (picked) {
        chosen++;
        total += Number(picked.dataset.points);
        if (needsFeedback) below++;
      }
      criterion.classList.toggle("needs-feedback", needsFeedback);
      const box = criterion.querySelector("textarea");
      if (box) box.setAttribute("aria-required", needsFeedback ? "true" : "false");
    }
    const award = chosen === criteria.length && below === 0 && (minTotal === null || total >= minTotal);
    text.textContent = award ? "Award" : "Not yet";
    const left = criteria.length - chosen;
    detail.textContent = `(${total} of ${maximum} points${left > 0 ? `; ${left} ${left === 1 ? "criterion" : "criteria"} still to score` : ""})`;
  }

  let timer = null;
  async function save() {
    timer = null;
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST", body: new FormData(form), credentials: "same-origin", headers: { Accept: "application/json" },
      });
      const json = (response.headers.get("content-type") || "").includes("json");
      status.textContent = response.ok && json
        ? `Draft saved at ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`
        : "The draft was not saved automatically: use “Save draft” to see why.";
    } catch {
      status.textContent = "The draft was not saved automatically: use “Save draft”.";
    }
  }
  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 2000);
  }

  form.addEventListener("change", () => { recompute(); schedule(); });
  form.addEventListener("input", (event) => { if (event.target.matches("textarea")) schedule(); });
  form.addEventListener("submit", () => { if (timer) clearTimeout(timer); timer = null; });
  recompute();
})();
