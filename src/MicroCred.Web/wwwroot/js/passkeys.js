// Passkeys: registration on "Sign-in and security" and sign-in on the login page. The server makes the options (and
// keeps the challenge); this file only asks the browser and posts its answer back in the page's own form.
(() => {
  "use strict";

  const supported = !!(window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON);

  async function fetchOptions(form, handler) {
    const token = form.querySelector("input[name='__RequestVerificationToken']").value;
    const url = new URL(form.action || window.location.href, window.location.href);
    url.searchParams.set("handler", handler);
    const response = await fetch(url, { method: "POST", headers: { RequestVerificationToken: token }, credentials: "same-origin" });
    if (!response.ok) throw new Error(response.status === 429 ? "Too many tries: wait a few minutes." : "The server did not answer.");
    return response.json();
  }

  function wire(button, handler, ask) {
    const form = button.closest("form");
    const status = form.querySelector("[data-passkey-status]");
    button.addEventListener("click", async () => {
      button.disabled = true;
      if (status) status.textContent = "Follow your browser's prompt…";
      try {
        const options = await fetchOptions(form, handler);
        const credential = await ask(options);
        form.querySelector("[data-passkey-credential]").value = JSON.stringify(credential.toJSON());
        form.submit();
      } catch (error) {
        button.disabled = false;
        // Cancelling the prompt is a normal choice, not an error.
        if (status) status.textContent = error && error.name === "NotAllowedError"
          ? "No passkey was used. You can try again."
          : "That did not work: " + (error && error.message ? error.message : "unknown error") + ". Try again.";
      }
    });
  }

  for (const section of document.querySelectorAll("[data-passkey-signin]")) {
    if (supported) section.hidden = false;
  }
  for (const note of document.querySelectorAll("[data-passkey-unsupported]")) {
    if (!supported) note.hidden = false;
  }
  for (const button of document.querySelectorAll("[data-passkey-get]")) {
    wire(button, "PasskeyOptions", (options) =>
      navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) }));
  }
  for (const button of document.querySelectorAll("[data-passkey-create]")) {
    if (!supported) { button.disabled = true; continue; }
    wire(button, "CreationOptions", (options) =>
      navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) }));
  }
})();
