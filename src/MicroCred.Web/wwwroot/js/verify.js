// The verifier's file input (progressive enhancement): say at once which files are too large or too many,
// instead of after a long upload. The server checks the same limits.
(() => {
  "use strict";
  const input = document.querySelector("input[type=file][data-max-file-bytes]");
  const message = document.getElementById("files-client-error");
  if (!input || !message || !input.form) return;
  const maxFile = Number(input.dataset.maxFileBytes);
  const maxTotal = Number(input.dataset.maxTotalBytes);
  const maxItems = Number(input.dataset.maxItems);

  const problem = () => {
    const files = Array.from(input.files || []);
    const large = files.filter((file) => file.size > maxFile).map((file) => file.name);
    if (large.length > 0) {
      return `${large.join(", ")} ${large.length === 1 ? "is" : "are"} larger than ${input.dataset.maxFileText}: a baked badge image must be smaller.`;
    }
    if (files.length > maxItems) return `Choose at most ${maxItems} files at a time.`;
    const total = files.reduce((sum, file) => sum + file.size, 0);
    if (total > maxTotal) return `The files together are larger than ${input.dataset.maxTotalText}: verify fewer at a time.`;
    return "";
  };

  const show = () => {
    const text = problem();
    message.textContent = text;
    message.hidden = text === "";
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    return text;
  };

  input.addEventListener("change", show);
  input.form.addEventListener("submit", (event) => {
    if (!show()) return;
    event.preventDefault();
    input.focus();
  });
})();
