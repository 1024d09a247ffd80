// Passkeys (WebAuthn) for staff sign-in. Progressive enhancement: the passkey forms stay hidden
// unless the browser can parse WebAuthn options from JSON. The form is then posted as usual with
// the browser's answer in CredentialJson; the server checks everything.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !PublicKeyCredential.parseCreationOptionsFromJSON) {
    return;
  }

  function antiforgeryToken(form) {
    var input = form.querySelector('input[name="__rvt"]');
    return input ? input.value : '';
  }

  async function options(form) {
    var response = await fetch(form.dataset.optionsUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-TOKEN': antiforgeryToken(form) }
    });
    if (!response.ok) {
      throw new Error('options ' + response.status);
    }
    return response.json();
  }

  async function credential(form) {
    var json = await options(form);
    if (form.dataset.passkey === 'create') {
      return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) });
    }
    return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
  }

  document.querySelectorAll('form[data-passkey]').forEach(function (form) {
    form.hidden = false;
    var error = form.querySelector('[data-passkey-error]');
    form.addEventListener('submit', async function (event) {
      if (form.dataset.ready === 'true') {
        return;
      }
      event.preventDefault();
      if (error) { error.hidden = true; }
      try {
        var result = await credential(form);
        form.querySelector('input[name="CredentialJson"]').value = JSON.stringify(result);
        form.dataset.ready = 'true';
        form.submit();
      } catch (e) {
        if (error) { error.hidden = false; }
      }
    });
  });
})();
