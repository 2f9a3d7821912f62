// The earner's evidence page (Pages/Evidence/Submission.cshtml).
//
// Reflections: a live word count against the prompt's limits, and autosave as the teacher types (a debounced POST
// to the page's Autosave handler). Until the server confirms a save, the text is also kept in localStorage, so a
// closed tab, an expired session or a server error loses nothing: the next visit offers to restore it.
// Files: when the uploader has stored a file, attach it to the prompt (the Attach handler), then show the page again.
(() => {
  "use strict";
  const page = document.querySelector("[data-submission]");
  if (!page) return;
  const submissionId = page.dataset.submission;
  const token = page.dataset.token;
  const editable = page.dataset.editable === "true";
  const SAVE_AFTER = 1200; // ms after the last keystroke
  const handlerUrl = (handler) => `${window.location.pathname}?handler=${handler}`;

  const wordCount = (text) => (text.trim() === "" ? 0 : text.trim().split(/\s+/).length);
  const timeOf = (date) => date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

  function post(handler, fields, keepalive = false) {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== null) body.append(name, value);
    body.append("__RequestVerificationToken", token);
    return fetch(handlerUrl(handler), {
      method: "POST", body, credentials: "same-origin", redirect: "manual", keepalive, headers: { Accept: "application/json" },
    });
  }

  /** What a failed answer means, in words for the teacher. */
  async function problemOf(response) {
    if (response.type === "opaqueredirect" || response.status === 401) return "You were logged out.";
    if (response.status === 422) {
      try { return (await response.json()).error; } catch { /* fall through */ }
    }
    if (response.status === 400) return "This page is out of date (perhaps you logged in again).";
    return `The server answered ${response.status}.`;
  }

  // --- reflections -------------------------------------------------------------------------------------------

  const pending = new Set();

  class Reflection {
    constructor(textarea) {
      this.textarea = textarea;
      this.form = textarea.closest("form");
      this.promptId = textarea.dataset.promptId;
      this.min = Number(textarea.dataset.minWords) || null;
      this.max = Number(textarea.dataset.maxWords) || null;
      this.counter = this.form.querySelector("[data-word-count]");
      this.status = this.form.querySelector("[data-save-status]");
      this.key = `microcred.reflection|${submissionId}|${this.promptId}`;
      this.saved = textarea.value; // what the server has
      this.timer = null;
      this.saving = null;
      textarea.addEventListener("input", () => this.changed());
      this.count();
      this.offerRestore();
    }

    count() {
      const words = wordCount(this.textarea.value);
      let text = `${words} ${words === 1 ? "word" : "words"}`;
      if (this.max && words > this.max) text += ` — ${words - this.max} over the limit of ${this.max}`;
      else if (this.min && words < this.min) text += ` — at least ${this.min} needed`;
      else if (this.max) text += ` of at most ${this.max}`;
      this.counter.textContent = text;
      this.counter.classList.toggle("over", Boolean(this.max && words > this.max));
    }

    changed() {
      this.count();
      this.keepLocally();
      window.clearTimeout(this.timer);
      pending.add(this);
      this.timer = window.setTimeout(() => this.save(), SAVE_AFTER);
    }

    keepLocally() {
      try {
        if (this.textarea.value === this.saved) localStorage.removeItem(this.key);
        else localStorage.setItem(this.key, JSON.stringify({ text: this.textarea.value, at: Date.now() }));
      } catch { /* private browsing: autosave still works */ }
    }

    async save() {
      window.clearTimeout(this.timer);
      if (this.saving) await this.saving; // one save at a time, in order
      const text = this.textarea.value;
      if (text === this.saved) {
        pending.delete(this);
        return;
      }
      this.say("Saving…");
      this.saving = (async () => {
        try {
          const response = await post("Autosave", { "Input.PromptId": this.promptId, "Input.Text": text });
          if (!response.ok) {
            this.fail(await problemOf(response));
            return;
          }
          const result = await response.json();
          this.saved = text;
          this.keepLocally();
          if (this.textarea.value === text) pending.delete(this);
          this.say(`Saved at ${timeOf(new Date())}.${result.warning ? " " + result.warning : ""}`);
        } catch {
          this.fail("The connection was lost.");
        }
      })();
      await this.saving;
      this.saving = null;
    }

    fail(reason) {
      this.say(`Not saved: ${reason} Your text is kept in this browser; it is saved when you next type, or offered again when you come back.`);
    }

    say(text) {
      this.status.textContent = text;
    }

    offerRestore() {
      let copy = null;
      try { copy = JSON.parse(localStorage.getItem(this.key) || "null"); } catch { return; }
      if (!copy) return;
      if (copy.text === this.textarea.value) {
        localStorage.removeItem(this.key);
        return;
      }
      const box = this.form.querySelector("[data-restore]");
      box.querySelector("[data-restore-text]").textContent =
        `This browser kept text you typed on ${new Date(copy.at).toLocaleString()} that was not saved (${wordCount(copy.text)} words). Restore it?`;
      box.hidden = false;
      box.querySelector("[data-restore-accept]").addEventListener("click", () => {
        this.textarea.value = copy.text;
        box.hidden = true;
        this.changed();
        this.save();
        this.textarea.focus();
      });
      box.querySelector("[data-restore-discard]").addEventListener("click", () => {
        try { localStorage.removeItem(this.key); } catch { /* nothing kept */ }
        box.hidden = true;
        this.textarea.focus();
      });
    }
  }

  const reflections = editable ? [...document.querySelectorAll("textarea[data-reflection]")].map((t) => new Reflection(t)) : [];

  // Leaving the page: send what is not saved yet (the local copy stays until the server confirms).
  window.addEventListener("pagehide", () => {
    for (const r of pending) {
      if (r.textarea.value !== r.saved) post("Autosave", { "Input.PromptId": r.promptId, "Input.Text": r.textarea.value }, true).catch(() => {});
    }
  });

  // Submitting a reflection's own form saves it the ordinary way: nothing for autosave to do.
  for (const r of reflections) r.form.addEventListener("submit", () => { window.clearTimeout(r.timer); pending.delete(r); });

  // A submission with unsaved text would check the old text: save everything first.
  const submitForm = document.querySelector("form[action*='handler=Submit']");
  if (submitForm) {
    submitForm.addEventListener("submit", async (event) => {
      if (pending.size === 0) return;
      event.preventDefault();
      await Promise.all([...pending].map((r) => r.save()));
      submitForm.submit();
    });
  }

  // --- files -------------------------------------------------------------------------------------------------

  document.addEventListener("evidence-upload-complete", async (event) => {
    const place = event.target.closest("[data-prompt-id]");
    const section = event.target.closest("[data-prompt]");
    if (!place || !section) return;
    const error = section.querySelector("[data-attach-error]");
    const replaces = event.target.closest("[data-replaces]");
    try {
      const response = await post("Attach", {
        "Input.PromptId": place.dataset.promptId,
        "Input.FileId": event.detail.fileId,
        "Input.ReplacesItemId": replaces ? replaces.dataset.replaces : null,
      });
      if (!response.ok) {
        const problem = await problemOf(response);
        if (error) {
          error.textContent = `${event.detail.fileName} was uploaded but not added: ${problem} It waits in “My evidence files”.`;
          error.hidden = false;
        }
        return;
      }
      await Promise.all([...pending].map((r) => r.save()));
      window.location.hash = section.id;
      window.location.reload();
    } catch {
      if (error) {
        error.textContent = `${event.detail.fileName} was uploaded but could not be added (the connection was lost). Reload the page and choose it again.`;
        error.hidden = false;
      }
    }
  });
})();
