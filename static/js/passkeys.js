// Passkeys: adding one in settings, and signing in with one. Without this
// script (or in a browser without WebAuthn) the settings page says passkeys
// need JavaScript, the sign-in button stays hidden, and the password form
// works as always.
(function () {
  "use strict";
  var supported = !!(window.PublicKeyCredential && navigator.credentials && window.fetch && window.JSON);

  // WebAuthn speaks in bytes; the server in base64url text.
  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var binary = window.atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return window.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withBytes(list) {
    return (list || []).map(function (item) { item.id = toBytes(item.id); return item; });
  }

  // A credential as JSON for the server: what every answer has, with `response`.
  function asJSON(credential, response) {
    response.clientDataJSON = toText(credential.response.clientDataJSON);
    return {
      id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: response
    };
  }

  function created(credential) {
    var response = credential.response;
    return asJSON(credential, {
      attestationObject: toText(response.attestationObject),
      transports: response.getTransports ? response.getTransports() : []
    });
  }

  function asserted(credential) {
    var response = credential.response;
    return asJSON(credential, {
      authenticatorData: toText(response.authenticatorData),
      signature: toText(response.signature),
      userHandle: response.userHandle ? toText(response.userHandle) : null
    });
  }

  // An answer the person can act on, in plain words.
  function Problem(message, extra) { this.message = message; this.extra = extra || {}; }

  function explain(error) {
    if (error instanceof Problem) { return error.message; }
    var name = error && error.name;
    if (name === "NotAllowedError" || name === "AbortError") {
      return "The passkey request was cancelled or timed out, so nothing changed. Try again when you're ready.";
    }
    if (name === "InvalidStateError") {
      return "This device already holds a passkey for your account: you can sign in with it.";
    }
    if (name === "NotSupportedError" || name === "SecurityError") {
      return "This browser or device can't use passkeys here. Your password still works.";
    }
    return "Something went wrong, so nothing changed. Reload the page and try again.";
  }

  function post(url, token, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        throw new Problem("The page had expired, so nothing changed. Reload it and try again.");
      }
      return response.json().then(function (answer) {
        if (!response.ok) { throw new Problem(answer.error || "That didn't work. Please try again.", answer); }
        return answer;
      });
    });
  }

  function say(region, text) {
    // Emptied first, so the same message twice is still read out.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function busy(button, on) {
    button.disabled = on;
    button.setAttribute("aria-busy", on ? "true" : "false");
  }

  function addPasskey(form) {
    var message = document.querySelector("[data-passkey-message]");
    var nameField = form.querySelector("input[name=name]");
    var token = form.querySelector("input[name=csrf_token]").value;
    var button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.disabled) { return; }
      busy(button, true);
      nameField.removeAttribute("aria-invalid");
      say(message, "Follow your browser's prompt to make the passkey.");
      post(form.getAttribute("data-options"), token, { name: nameField.value }).then(function (options) {
        options.challenge = toBytes(options.challenge);
        options.user.id = toBytes(options.user.id);
        options.excludeCredentials = withBytes(options.excludeCredentials);
        return navigator.credentials.create({ publicKey: options });
      }).then(function (credential) {
        return post(form.action, token, { credential: created(credential) });
      }).then(function (answer) {
        window.location.assign(answer.redirect);
      }).catch(function (error) {
        busy(button, false);
        if (error instanceof Problem && error.extra.confirm) {
          window.location.assign(error.extra.confirm);
          return;
        }
        if (error instanceof Problem && error.extra.field === "name") {
          nameField.setAttribute("aria-invalid", "true");
          nameField.focus();
        }
        say(message, explain(error));
      });
    });
  }

  function signIn(section) {
    var message = section.querySelector("[data-passkey-message]");
    var button = section.querySelector("[data-passkey-signin-button]");
    var token = section.getAttribute("data-csrf");
    var next = document.querySelector("form input[name=next]");
    button.addEventListener("click", function () {
      if (button.disabled) { return; }
      busy(button, true);
      say(message, "Follow your browser's prompt to use your passkey.");
      post(section.getAttribute("data-options"), token).then(function (options) {
        options.challenge = toBytes(options.challenge);
        options.allowCredentials = withBytes(options.allowCredentials);
        return navigator.credentials.get({ publicKey: options });
      }).then(function (credential) {
        return post(section.getAttribute("data-verify"), token, {
          credential: asserted(credential), next: next ? next.value : ""
        });
      }).then(function (answer) {
        say(message, "Signed in. Taking you on…");
        window.location.assign(answer.redirect);
      }).catch(function (error) {
        busy(button, false);
        say(message, explain(error));
      });
    });
  }

  var unavailable = document.querySelector("[data-passkey-unavailable]");
  var form = document.querySelector("form[data-passkey-add]");
  var section = document.querySelector("[data-passkey-signin]");
  if (!supported) {
    if (unavailable) {
      unavailable.textContent = "This browser can't make passkeys. Signing in with your password works as always.";
    }
    return;
  }
  if (form) {
    if (unavailable) { unavailable.hidden = true; }
    form.hidden = false;
    addPasskey(form);
  }
  if (section) {
    section.hidden = false;
    signIn(section);
  }
}());
