// Drag a scheduled meeting to another cell of the organiser's matchmaking grid.
// Pointer events, so mouse, pen and touch work alike; the page keeps its Move buttons for keyboard users.
// The server decides: it moves the meeting or refuses with a message (someone busy or unavailable, table taken).

const threshold = 6; // pixels before a press becomes a drag, so clicks on the card stay clicks

export function mount(root, dotnet) {
  let drag = null;

  function cellAt(x, y) {
    const element = document.elementFromPoint(x, y);
    const cell = element && element.closest('[data-mm-cell]');
    return cell && root.contains(cell) ? cell : null;
  }

  function setTarget(cell) {
    if (drag.target === cell) return;
    if (drag.target) drag.target.classList.remove('mm-drop-target');
    drag.target = cell && cell !== drag.origin ? cell : null;
    if (drag.target) drag.target.classList.add('mm-drop-target');
  }

  function onDown(e) {
    const card = e.target.closest('[data-mm-assignment], [data-mm-request]');
    if (!card || !root.contains(card) || e.button !== 0 || e.target.closest('button, a, input')) return;
    const kind = card.dataset.mmAssignment ? 'assignment' : 'request';
    const id = Number(card.dataset.mmAssignment || card.dataset.mmRequest);
    drag = { card, kind, id, x: e.clientX, y: e.clientY, moving: false, ghost: null, target: null,
      origin: card.closest('[data-mm-cell]'), pointerId: e.pointerId };
  }

  function onMove(e) {
    if (!drag || e.pointerId !== drag.pointerId) return;
    if (!drag.moving) {
      if (Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < threshold) return;
      drag.moving = true;
      try { drag.card.setPointerCapture(e.pointerId); } catch { /* the pointer may already be gone */ }
      const rect = drag.card.getBoundingClientRect();
      drag.dx = e.clientX - rect.left;
      drag.dy = e.clientY - rect.top;
      drag.ghost = drag.card.cloneNode(true);
      drag.ghost.classList.add('mm-ghost');
      drag.ghost.removeAttribute('data-mm-assignment');
      drag.ghost.removeAttribute('data-mm-request');
      drag.ghost.removeAttribute('data-testid');
      drag.ghost.style.width = `${rect.width}px`;
      document.body.appendChild(drag.ghost);
      drag.card.classList.add('mm-dragging');
      root.classList.add('mm-grid-dragging');
    }
    e.preventDefault();
    drag.ghost.style.left = `${e.clientX - drag.dx}px`;
    drag.ghost.style.top = `${e.clientY - drag.dy}px`;
    setTarget(cellAt(e.clientX, e.clientY));
  }

  function finish(drop) {
    if (!drag) return;
    const { kind, id, target, moving } = drag;
    if (drag.ghost) drag.ghost.remove();
    if (drag.target) drag.target.classList.remove('mm-drop-target');
    drag.card.classList.remove('mm-dragging');
    root.classList.remove('mm-grid-dragging');
    drag = null;
    if (drop && moving && target) {
      dotnet.invokeMethodAsync('DropAsync', kind, id, Number(target.dataset.mmSlot), Number(target.dataset.mmTable));
    }
  }

  function onUp(e) {
    if (!drag || e.pointerId !== drag.pointerId) return;
    if (drag.moving) setTarget(cellAt(e.clientX, e.clientY));
    finish(true);
  }

  function onCancel() { finish(false); }
  function onKey(e) { if (e.key === 'Escape') finish(false); }

  root.addEventListener('pointerdown', onDown);
  root.addEventListener('pointermove', onMove);
  root.addEventListener('pointerup', onUp);
  root.addEventListener('pointercancel', onCancel);
  document.addEventListener('keydown', onKey);
  root.dataset.mmDrag = 'ready';

  return {
    dispose() {
      finish(false);
      root.removeEventListener('pointerdown', onDown);
      root.removeEventListener('pointermove', onMove);
      root.removeEventListener('pointerup', onUp);
      root.removeEventListener('pointercancel', onCancel);
      document.removeEventListener('keydown', onKey);
      delete root.dataset.mmDrag;
    },
  };
}
