// Organisation suggestions for the registration and manage forms (Pages/RegistrationFields.razor): fills the field's
// <datalist> from /api/organisations/suggest as the person types. Without JavaScript the field is a plain text input.
// Delegated on the document, so it also serves forms that arrive by enhanced navigation or in the desk's dialog.
(function () {
  const timers = new WeakMap();
  const lastQuery = new WeakMap();

  async function suggest(input) {
    const text = input.value.trim();
    const list = input.list;
    if (!list || text.length < 2 || lastQuery.get(input) === text) return;
    lastQuery.set(input, text);
    try {
      const response = await fetch(`api/organisations/suggest?q=${encodeURIComponent(text)}`, { headers: { Accept: 'application/json' } });
      if (!response.ok || input.value.trim() !== text) return;
      const found = await response.json();
      list.replaceChildren(...found.map((s) => {
        const option = document.createElement('option');
        option.value = s.name;
        option.label = s.label;
        return option;
      }));
    } catch {
      // Suggestions are a convenience: without them the person types the name in full.
    }
  }

  document.addEventListener('input', (e) => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute('data-org-suggest')) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(() => suggest(input), 200));
  });
})();
