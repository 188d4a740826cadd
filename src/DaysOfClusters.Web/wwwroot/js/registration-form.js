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

// Conditional questions: without JavaScript every question shows with a hint saying when it applies (the server asks only
// what the answers call for). With it, a conditional question shows only while its condition holds, as on the desk; a hidden
// question's inputs are disabled so they do not post.
(function () {
  function holds(form, question) {
    const parent = form.querySelector(`[data-question="${question.dataset.showIf}"]`);
    if (!parent || parent.hidden) return false;
    const choice = question.dataset.showIfChoice;
    const selector = choice ? `input[value="${choice}"]` : 'input[type=checkbox][value=true]';
    const input = parent.querySelector(selector);
    return !!input && input.checked;
  }

  function update(root) {
    for (const form of root.querySelectorAll('form')) {
      // Document order: a question depends only on earlier ones, so a parent is settled before its children.
      for (const question of form.querySelectorAll('[data-show-if]')) {
        const show = holds(form, question);
        question.hidden = !show;
        for (const input of question.querySelectorAll('input, textarea, select')) input.disabled = !show || input.dataset.full === 'true';
        for (const hint of question.querySelectorAll('[data-condition-hint]')) hint.hidden = true;
      }
    }
  }

  document.addEventListener('change', (e) => {
    const form = e.target instanceof Element ? e.target.closest('form') : null;
    if (form && form.querySelector('[data-show-if]')) update(form.parentElement || document);
  });
  update(document);
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', () => update(document));
  else document.addEventListener('DOMContentLoaded', () => update(document));
})();
