// Small helpers the Blazor pages call; kept framework-free.
window.docApp = {
  setTheme(theme) {
    document.cookie = `doc-theme=${theme}; path=/; max-age=31536000; samesite=lax`;
  },
  download(fileName, contentType, base64) {
    const link = document.createElement('a');
    link.href = `data:${contentType};base64,${base64}`;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  },
  // Opens a PDF in a new tab; false when the browser blocked it (the page then points at its own button).
  openBadge(url) {
    return !!window.open(url, '_blank');
  },
};

// The check-in scanner page is static; its module runs the whole screen (see js/checkin-scanner.js).
(function () {
  function mountCheckin() {
    const root = document.getElementById('checkin-root');
    if (!root || root.dataset.mounted) return;
    root.dataset.mounted = 'true';
    import(new URL('js/checkin-scanner.js', document.baseURI).href).then((m) => { window.docCheckin = m.mount(root); });
  }
  mountCheckin();
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener('enhancedload', mountCheckin);
})();

// Timetable editor: Firefox starts an HTML5 drag only when dragstart puts data on it, which Blazor's handlers cannot do.
// The grid also takes its dragging class here, at once: it lets the drop fall through the cards to the slots below them
// (pointer-events: none), and waiting for the server's render of it lost every drop that was released over a card (a
// resize always is) whenever the server answered after the hand let go.
document.addEventListener('dragstart', (e) => {
  const card = e.target instanceof Element ? e.target.closest('.tt-session') : null;
  if (!card) return;
  card.closest('.tt-grid')?.classList.add('tt-dragging');
  if (!e.dataTransfer) return;
  e.dataTransfer.effectAllowed = 'move';
  e.dataTransfer.setData('text/plain', card.dataset.sessionId || '');
});
const endTimetableDrag = () => document.querySelectorAll('.tt-grid.tt-dragging').forEach((g) => g.classList.remove('tt-dragging'));
document.addEventListener('dragend', endTimetableDrag, true);
document.addEventListener('drop', endTimetableDrag);
