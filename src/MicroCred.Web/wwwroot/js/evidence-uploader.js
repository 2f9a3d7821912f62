// The evidence uploader: resumable uploads over tus 1.0.0 (creation, termination, expiration) to
// /{district}/uploads, for every [data-evidence-uploader] element (Pages/Shared/_EvidenceUploader.cshtml).
//
// A small client of our own rather than tus-js-client: we talk to one server we control, with the four requests
// of the core protocol, and owning those few lines lets us show the server's refusal messages, read the stored
// file's id from our own response header, send the page's antiforgery token, and keep no third-party code to
// audit and update. Progress comes from XMLHttpRequest, because fetch cannot report upload progress.
//
// Behaviour: one file at a time; PATCHes of up to 64 MiB (each recorded by the server, so little is ever sent
// twice); pause and resume; after a dropped connection it retries with growing delays (at once when the
// browser comes back online) and asks the server where to continue; after a reload, choosing the same file
// again continues it (its upload URL is remembered per file in localStorage). When the file is stored it
// raises "evidence-upload-complete" on the component with detail { fileId, fileUrl, fileName, size }.

const TUS_VERSION = "1.0.0";
const CHUNK_SIZE = 64 * 1024 * 1024;
const RETRY_DELAYS = [1000, 2000, 4000, 8000, 15000, 30000];
const MAX_RETRIES = 40; // about 18 minutes of trying, then the person decides (Resume)
const STORAGE_PREFIX = "microcred.upload|";
const REMEMBER_FOR = 7 * 24 * 60 * 60 * 1000;

class UploadError extends Error {
  constructor(message, { retryable = false, gone = false, resumable = false, conflict = false, refused = false } = {}) {
    super(message);
    this.refused = refused; // the server refused the file itself (type, size): it is not worth resuming
    this.conflict = conflict; // we and the server disagree on the offset: ask it, then continue
    this.retryable = retryable; // a network failure or a busy server: try again by itself
    this.gone = gone; // the server no longer knows the upload: start it again
    this.resumable = resumable; // stop, but let the person resume (e.g. after logging in again)
  }
}

class Aborted extends Error {}

function formatSize(bytes) {
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return bytes === 1 ? "1 byte" : `${bytes} bytes`;
  // As the server writes sizes: "8 MB", "1.4 GB", "293 KB".
  return `${value >= 10 ? Math.round(value) : parseFloat(value.toFixed(1))} ${units[unit]}`;
}

function base64(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** One request; resolves with the finished XMLHttpRequest whatever its status. */
function send(method, url, headers, body, onProgress) {
  const xhr = new XMLHttpRequest();
  const done = new Promise((resolve, reject) => {
    xhr.open(method, url, true);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    if (onProgress) xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new UploadError("The connection was lost.", { retryable: true }));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new Aborted());
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}

/** What a failed answer means for the upload. */
function problemOf(xhr) {
  const message = (xhr.getResponseHeader("Content-Type") || "").startsWith("text/plain") && xhr.responseText
    ? xhr.responseText
    : `The server answered ${xhr.status}.`;
  switch (xhr.status) {
    case 0: return new UploadError("The connection was lost.", { retryable: true });
    case 401: return new UploadError("You were logged out. Log in again (in another tab), then press Resume.", { resumable: true });
    case 400: case 413: case 415: return new UploadError(message, { refused: true });
    case 404: case 410: return new UploadError(message, { gone: true });
    case 409: return new UploadError(message, { retryable: true, conflict: true });
    case 423: case 429: return new UploadError(message, { retryable: true });
    default: return new UploadError(message, { retryable: xhr.status >= 500 });
  }
}

class Uploader {
  constructor(root) {
    this.root = root;
    this.endpoint = root.dataset.endpoint;
    this.purpose = root.dataset.purpose;
    this.context = root.dataset.context || "";
    this.token = root.dataset.token;
    this.filePage = root.dataset.filePage;
    const find = (name) => root.querySelector(`[data-upload-${name}]`);
    this.input = find("input");
    this.unfinished = find("unfinished");
    this.box = find("progress");
    this.name = find("name");
    this.bar = find("bar");
    this.percent = find("percent");
    this.actions = find("actions");
    this.pauseButton = find("pause");
    this.resumeButton = find("resume");
    this.cancelButton = find("cancel");
    this.status = find("status");
    this.done = find("done");
    this.error = find("error");
    this.state = "idle"; // idle | uploading | waiting | paused | done | failed

    this.input.addEventListener("change", () => {
      const file = this.input.files && this.input.files[0];
      if (file) this.start(file);
    });
    this.pauseButton.addEventListener("click", () => this.pause());
    this.resumeButton.addEventListener("click", () => this.resume());
    this.cancelButton.addEventListener("click", () => this.cancel());
    window.addEventListener("online", () => { if (this.state === "waiting") this.wakeUp(); });
    this.showUnfinished();
  }

  // --- remembering uploads across reloads -------------------------------------------------------------

  keyOf(file) {
    return STORAGE_PREFIX + [this.endpoint, this.purpose, this.context, file.name, file.size, file.lastModified, file.type].join("|");
  }

  remember() {
    try {
      localStorage.setItem(this.keyOf(this.file), JSON.stringify({ url: this.url, name: this.file.name, size: this.file.size, savedAt: Date.now() }));
    } catch { /* private browsing: resuming after a reload is not possible, everything else works */ }
  }

  recall() {
    try {
      const saved = JSON.parse(localStorage.getItem(this.keyOf(this.file)) || "null");
      return saved && Date.now() - saved.savedAt < REMEMBER_FOR ? saved.url : null;
    } catch {
      return null;
    }
  }

  forget() {
    try { localStorage.removeItem(this.keyOf(this.file)); } catch { /* nothing to forget */ }
  }

  showUnfinished() {
    const prefix = STORAGE_PREFIX + [this.endpoint, this.purpose, this.context].join("|") + "|";
    const names = [];
    try {
      for (let i = localStorage.length - 1; i >= 0; i -= 1) {
        const key = localStorage.key(i);
        if (!key || !key.startsWith(prefix)) continue;
        const saved = JSON.parse(localStorage.getItem(key) || "null");
        if (!saved || Date.now() - saved.savedAt >= REMEMBER_FOR) localStorage.removeItem(key);
        else names.push(`${saved.name} (${formatSize(saved.size)})`);
      }
    } catch { return; }
    if (names.length === 0) return;
    this.unfinished.textContent = `Unfinished upload: ${names.join(", ")}. Choose the same file again to continue where it stopped.`;
    this.unfinished.hidden = false;
  }

  // --- the protocol ---------------------------------------------------------------------------------------

  headers(extra) {
    return { "Tus-Resumable": TUS_VERSION, RequestVerificationToken: this.token, ...extra };
  }

  async request(method, url, extra, body, onProgress) {
    const call = send(method, url, this.headers(extra), body, onProgress);
    this.abortCall = call.abort;
    try {
      return await call.done;
    } finally {
      if (this.abortCall === call.abort) this.abortCall = null;
    }
  }

  async create() {
    const metadata = [`filename ${base64(this.file.name)}`, `purpose ${base64(this.purpose)}`];
    if (this.context) metadata.push(`context ${base64(this.context)}`);
    const xhr = await this.request("POST", this.endpoint, { "Upload-Length": String(this.file.size), "Upload-Metadata": metadata.join(",") });
    if (xhr.status !== 201) {
      const problem = problemOf(xhr);
      throw problem.gone ? new UploadError(problem.message) : problem;
    }
    return new URL(xhr.getResponseHeader("Location"), window.location.href).href;
  }

  /** Where the upload stands, or null when the server no longer has it. */
  async ask() {
    const xhr = await this.request("HEAD", this.url, {});
    if (xhr.status === 200 && Number(xhr.getResponseHeader("Upload-Length")) === this.file.size) {
      return { offset: Number(xhr.getResponseHeader("Upload-Offset")), fileId: xhr.getResponseHeader("MicroCred-File-Id"), fileUrl: xhr.getResponseHeader("MicroCred-File-Url") };
    }
    if (xhr.status === 200 || [403, 404, 410].includes(xhr.status)) return null;
    throw problemOf(xhr);
  }

  async sendChunk() {
    const start = this.offset;
    const end = Math.min(start + CHUNK_SIZE, this.file.size);
    const xhr = await this.request("PATCH", this.url, { "Upload-Offset": String(start), "Content-Type": "application/offset+octet-stream" },
      this.file.slice(start, end), (loaded) => this.showProgress(start + loaded));
    if (xhr.status !== 204) throw problemOf(xhr);
    this.offset = Number(xhr.getResponseHeader("Upload-Offset"));
    this.showProgress(this.offset);
    return { fileId: xhr.getResponseHeader("MicroCred-File-Id"), fileUrl: xhr.getResponseHeader("MicroCred-File-Url"), moved: this.offset > start };
  }

  // --- the person's actions -------------------------------------------------------------------------------

  start(file) {
    this.stopCurrent();
    this.file = file;
    this.url = null;
    this.offset = 0;
    this.retries = 0;
    this.restarts = 0;
    this.needsAsking = false;
    this.triedRemembered = false;
    this.announcedTenth = -1;
    this.setError(null);
    this.done.hidden = true;
    this.unfinished.hidden = true;
    this.name.textContent = `${file.name} (${formatSize(file.size)})`;
    this.box.hidden = false;
    this.showProgress(0);
    this.setState("uploading");
    this.say(this.recall() ? `Checking how much of ${file.name} already arrived…` : `Uploading ${file.name}…`);
    this.run();
  }

  pause() {
    if (this.state !== "uploading" && this.state !== "waiting") return;
    this.setState("paused");
    this.stopCurrent();
    this.say(`Paused at ${this.percentOf(this.sent)}%.`);
    this.resumeButton.focus();
  }

  resume() {
    if (this.state !== "paused" || !this.file) return;
    this.setError(null);
    this.retries = 0;
    this.needsAsking = Boolean(this.url);
    this.setState("uploading");
    this.say(`Resuming ${this.file.name}…`);
    this.pauseButton.focus();
    this.run();
  }

  async cancel() {
    const { file, url } = this;
    this.setState("idle");
    this.stopCurrent();
    this.box.hidden = true;
    this.input.value = "";
    if (file) this.forget();
    this.say(file ? `Upload of ${file.name} cancelled.` : "");
    this.input.focus();
    if (url) {
      try { await send("DELETE", url, this.headers({}), null).done; } catch { /* the server drops it when it expires */ }
    }
  }

  stopCurrent() {
    if (this.abortCall) this.abortCall();
    this.wakeUp();
  }

  // --- the loop -----------------------------------------------------------------------------------------

  async run() {
    const file = this.file;
    while (this.state === "uploading" && this.file === file) {
      try {
        if (!this.url) {
          const remembered = this.triedRemembered ? null : this.recall();
          if (remembered) {
            this.url = remembered;
            const where = await this.ask();
            this.triedRemembered = true;
            if (!where) {
              this.forget();
              this.url = null;
              continue;
            }
            this.offset = where.offset;
            this.showProgress(this.offset);
            if (where.fileId) return this.finish(where.fileId, where.fileUrl);
            this.say(`Continuing ${file.name} from ${this.percentOf(this.offset)}%.`);
          } else {
            this.triedRemembered = true;
            this.url = await this.create();
            this.offset = 0;
            this.remember();
          }
        } else if (this.needsAsking) {
          const where = await this.ask();
          if (!where) throw new UploadError("The server no longer has this upload.", { gone: true });
          this.needsAsking = false;
          this.offset = where.offset;
          this.showProgress(this.offset);
          if (where.fileId) return this.finish(where.fileId, where.fileUrl);
        }

        const sent = await this.sendChunk();
        if (sent.fileId) return this.finish(sent.fileId, sent.fileUrl);
        if (sent.moved) this.retries = 0;
        else throw new UploadError("The server did not take any bytes.", { retryable: true });
      } catch (error) {
        if (this.state !== "uploading" || this.file !== file) return; // paused or cancelled: the abort was ours
        if (error instanceof Aborted) return;
        if (error.gone && this.url && this.restarts < 1) {
          // Expired or lost on the server: start over once, from the first byte.
          this.restarts += 1;
          this.forget();
          this.url = null;
          this.triedRemembered = true;
          this.say(`Starting ${file.name} again from the beginning…`);
          continue;
        }
        if (error.conflict && this.retries < 3) {
          this.retries += 1;
          this.needsAsking = true;
          continue;
        }
        if (error.retryable && this.retries < MAX_RETRIES) {
          await this.waitToRetry();
          continue;
        }
        return this.fail(error);
      }
    }
  }

  async waitToRetry() {
    const delay = RETRY_DELAYS[Math.min(this.retries, RETRY_DELAYS.length - 1)];
    this.retries += 1;
    this.setState("waiting");
    const seconds = Math.round(delay / 1000);
    this.say(`Connection lost at ${this.percentOf(this.sent)}%. Trying again in ${seconds} ${seconds === 1 ? "second" : "seconds"}…`);
    await new Promise((resolve) => {
      this.wake = resolve;
      this.timer = window.setTimeout(resolve, delay);
    });
    if (this.state !== "waiting") return;
    this.setState("uploading");
    this.needsAsking = Boolean(this.url);
  }

  wakeUp() {
    window.clearTimeout(this.timer);
    if (this.wake) this.wake();
    this.wake = null;
  }

  finish(fileId, fileUrl) {
    const file = this.file;
    this.forget();
    this.offset = file.size;
    this.showProgress(file.size);
    this.setState("done");
    this.input.value = "";
    this.say(`${file.name} uploaded (100%).`);
    const link = document.createElement("a");
    link.href = this.filePage + fileId;
    link.textContent = `Open ${file.name}`;
    this.done.replaceChildren(link);
    this.done.hidden = false;
    this.root.dispatchEvent(new CustomEvent("evidence-upload-complete", {
      bubbles: true,
      detail: { fileId, fileUrl, fileName: file.name, size: file.size },
    }));
  }

  fail(error) {
    if (error.resumable || error.retryable) {
      this.setState("paused");
      this.say(`Stopped at ${this.percentOf(this.sent)}%.`);
    } else {
      this.setState("failed");
      this.input.value = "";
      this.say("");
    }
    // Only a refused file is forgotten: anything else (e.g. an out-of-date page after logging in again) can be
    // continued by choosing the same file after a reload.
    if (error.refused) this.forget();
    this.setError(error.message || "The upload failed.");
  }

  // --- what the person sees ---------------------------------------------------------------------------------

  percentOf(bytes) {
    return this.file && this.file.size > 0 ? Math.floor((bytes * 100) / this.file.size) : 100;
  }

  /** Shows how much has been sent (the server confirms it with each answer; after a break it says where to go on). */
  showProgress(bytes) {
    this.sent = bytes;
    const percent = this.percentOf(bytes);
    this.bar.value = percent;
    this.percent.textContent = `${percent}%`;
    // Announce every tenth, not every percent: a polite live region, not a running commentary.
    const tenth = Math.floor(percent / 10);
    if (this.state === "uploading" && tenth > this.announcedTenth && percent > 0 && percent < 100) {
      this.announcedTenth = tenth;
      this.say(`${percent}% uploaded (${formatSize(bytes)} of ${formatSize(this.file.size)}).`);
    }
  }

  say(text) {
    this.status.textContent = text;
  }

  setError(message) {
    this.error.textContent = message || "";
    this.error.hidden = !message;
  }

  setState(state) {
    this.state = state;
    const active = state === "uploading" || state === "waiting";
    this.actions.hidden = !(active || state === "paused");
    this.pauseButton.hidden = !active;
    this.resumeButton.hidden = state !== "paused";
    this.root.dataset.state = state;
  }
}

for (const root of document.querySelectorAll("[data-evidence-uploader]")) {
  if (!root.uploader) root.uploader = new Uploader(root);
}
