// Check-in scanner: camera (getUserMedia + jsQR), USB/Bluetooth scanners (type + Enter), name search.
// It runs on its own, without the Blazor circuit: codes are verified here with WebCrypto (docs/badge-qr-format.md),
// looked up in the cached attendee list (IndexedDB), and scans are queued with nonces and uploaded when online.
// The pure functions at the top are exported for the Node tests (tests/js).

export const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Strict RFC 9285 Base45: throws on a character outside the alphabet, a length ≡ 1 (mod 3) or an out-of-range group. */
export function base45Decode(text) {
  if (text.length % 3 === 1) throw new Error("bad length");
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const digits = [];
    for (let j = i; j < Math.min(i + 3, text.length); j++) {
      const n = ALPHABET.indexOf(text[j]);
      if (n < 0) throw new Error("bad char");
      digits.push(n);
    }
    const n = digits[0] + digits[1] * 45 + (digits.length === 3 ? digits[2] * 2025 : 0);
    if (digits.length === 3) {
      if (n > 0xffff) throw new Error("bad group");
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) throw new Error("bad group");
      out[o++] = n;
    }
  }
  return out;
}

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Imports an edition's public key (base64 DER SubjectPublicKeyInfo, P-256) for verify. */
export function importSpki(spkiBase64, subtle = globalThis.crypto.subtle) {
  return subtle.importKey("spki", base64ToBytes(spkiBase64), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
}

/**
 * Verifies a badge QR text: prefix, Base45, version, length 80, ECDSA P-256 / SHA-256 signature (r||s) over the 16-byte payload.
 * Returns { status: "Valid" | "Malformed" | "UnsupportedVersion" | "BadSignature", editionId, ticket, issue, category }.
 */
export async function verifyBadge(text, key, subtle = globalThis.crypto.subtle) {
  text = (text || "").trim();
  if (!text.startsWith("DOC1:")) return { status: /^DOC\d+:/.test(text) ? "UnsupportedVersion" : "Malformed" };
  let raw;
  try { raw = base45Decode(text.slice(5)); } catch { return { status: "Malformed" }; }
  if (raw.length === 0) return { status: "Malformed" };
  if (raw[0] !== 0x01) return { status: "UnsupportedVersion" };
  if (raw.length !== 80) return { status: "Malformed" };
  const payload = raw.slice(0, 16);
  const signature = raw.slice(16);
  const dv = new DataView(payload.buffer, payload.byteOffset, 16);
  const editionId = dv.getUint32(1);
  if (editionId > 0x7fffffff) return { status: "Malformed" };
  let ok = false;
  try { ok = await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, signature, payload); } catch { ok = false; }
  if (!ok) return { status: "BadSignature", editionId };
  return { status: "Valid", editionId, ticket: hex(payload.slice(5, 13)), issue: dv.getUint16(13), category: payload[15] };
}

/** Short code (Crockford Base32, 13 symbols, any case, hyphens/spaces ignored, O→0, I/L→1) or 16 hex chars → ticket hex, else null. */
export function parseTicket(text) {
  const t = (text || "").trim();
  if (/^[0-9a-fA-F]{16}$/.test(t)) return t.toLowerCase();
  let value = 0n, count = 0;
  for (const raw of t) {
    if (raw === "-" || raw === " ") continue;
    let ch = raw.toUpperCase();
    if (ch === "O") ch = "0"; else if (ch === "I" || ch === "L") ch = "1";
    const d = CROCKFORD.indexOf(ch);
    if (d < 0 || ++count > 13) return null;
    if (count === 1 && d > 15) return null;
    value = (value << 5n) | BigInt(d);
  }
  return count === 13 ? value.toString(16).padStart(16, "0") : null;
}

/** Index of a downloaded attendee list: who may enter, which badge issues are refused and why. */
export function indexList(list) {
  const byTicket = new Map(), revoked = new Map(), maxIssue = new Map(), issues = new Map();
  for (const a of list.attendees) {
    byTicket.set(a.ticket, a);
    maxIssue.set(a.ticket, Math.max(maxIssue.get(a.ticket) || 0, a.issue));
    issues.set(a.ticket, (issues.get(a.ticket) || 0) + 1);
  }
  for (const r of list.revoked) {
    revoked.set(`${r.ticket}:${r.issue}`, r.reason);
    maxIssue.set(r.ticket, Math.max(maxIssue.get(r.ticket) || 0, r.issue));
    issues.set(r.ticket, (issues.get(r.ticket) || 0) + 1);
  }
  return { list, byTicket, revoked, maxIssue, issues, key: null };
}

/** Offline decision for one code against an indexed list: { outcome, reasonCode, reason, attendee, ticket, issue }. */
export async function decideOffline(text, index, subtle = globalThis.crypto.subtle) {
  const refuse = (reasonCode, reason, extra = {}) => ({ outcome: "refused", reasonCode, reason, attendee: null, ...extra });
  text = (text || "").trim();
  let ticket, issue = null;
  if (text.startsWith("DOC")) {
    if (!index.key) index.key = await importSpki(index.list.spki, subtle);
    const v = await verifyBadge(text, index.key, subtle);
    if (v.status === "UnsupportedVersion") return refuse("unsupported-version", "Unsupported badge version");
    if (v.status === "Malformed") return refuse("invalid", "Not a valid code");
    if (v.status === "BadSignature")
      return v.editionId !== index.list.editionId ? refuse("other-edition", "Badge of another edition (or forged)") : refuse("forged", "Not a valid code (signature check failed)");
    if (v.editionId !== index.list.editionId) return refuse("other-edition", "Badge of another edition");
    ticket = v.ticket;
    issue = v.issue;
  } else {
    ticket = parseTicket(text);
    if (!ticket) return refuse("invalid", "Not a valid code");
  }
  const attendee = index.byTicket.get(ticket) || null;
  // A typed code carries no issue: a ticket with several issues (reissued before every issue got its own ticket) printed
  // the same code on the lost badge as on its replacement, so only the QR code can tell them apart (as the server decides).
  if (issue === null && (index.issues.get(ticket) || 0) > 1)
    return refuse("revoked", "Badge revoked: this code was printed on a replaced badge too; scan the QR code", { ticket, issue, attendee });
  if (issue !== null) {
    const reason = index.revoked.get(`${ticket}:${issue}`);
    if (reason) return refuse("revoked", `Badge revoked: ${reason}`, { ticket, issue, attendee });
    if (issue < (index.maxIssue.get(ticket) || 0)) return refuse("revoked", "Badge revoked: superseded by a newer badge", { ticket, issue, attendee });
  }
  if (!attendee) {
    const cancelled = [...index.revoked.entries()].find(([k]) => k.startsWith(ticket + ":"));
    return cancelled ? refuse("revoked", `Badge revoked: ${cancelled[1]}`, { ticket, issue }) : refuse("unknown-ticket", "Unknown ticket", { ticket, issue });
  }
  if (issue !== null && issue !== attendee.issue) return refuse("revoked", "Badge revoked: superseded by a newer badge", { ticket, issue, attendee });
  return { outcome: "accepted", reasonCode: "ok", reason: null, attendee, ticket, issue: attendee.issue };
}

// ---------------------------------------------------------------------------------------------------------------
// Browser part.

const STYLE = `
.cks{--ok:#1b7f3b;--warn:#b26a00;--bad:#b3261e;display:flex;flex-direction:column;gap:10px;max-width:720px;margin:0 auto;font-family:inherit}
.cks-bar{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.cks-pill{border-radius:999px;padding:4px 10px;font-weight:600;font-size:.85rem;color:#fff;background:#666}
.cks-pill.on{background:var(--ok)}.cks-pill.off{background:var(--bad)}
.cks-queue{font-size:.85rem;font-weight:600}
.cks-queue.has{color:var(--warn)}
.cks select,.cks input{font:inherit;padding:8px;border:1px solid #9aa;border-radius:6px;min-width:0;background:inherit;color:inherit}
.cks-pick{display:grid;grid-template-columns:1fr 1fr;gap:6px}
.cks-dir{display:grid;grid-template-columns:1fr 1fr;gap:0;border:1px solid #1B3A6B;border-radius:8px;overflow:hidden}
.cks-dir button{font:inherit;font-weight:700;padding:10px;border:0;background:transparent;color:inherit;cursor:pointer}
.cks-dir button[aria-pressed=true]{background:#1B3A6B;color:#fff}
.cks-cam{position:relative;background:#111;border-radius:10px;overflow:hidden;aspect-ratio:4/3;max-height:42vh;display:flex;align-items:center;justify-content:center}
.cks-cam video{width:100%;height:100%;object-fit:cover}
.cks-cam .cks-camerr{color:#eee;padding:16px;text-align:center}
.cks-cam .cks-frame{position:absolute;inset:12%;border:3px solid rgba(255,255,255,.7);border-radius:12px;pointer-events:none}
.cks-result{border-radius:12px;padding:14px 16px;color:#fff;background:#546e7a;min-height:96px}
.cks-result.accepted{background:var(--ok)}.cks-result.alreadyInside,.cks-result.notInside{background:var(--warn)}.cks-result.refused{background:var(--bad)}
.cks-result .t{font-size:1.6rem;font-weight:800;letter-spacing:.02em;line-height:1.15}
.cks-result .n{font-size:1.35rem;font-weight:700;margin-top:4px;overflow-wrap:anywhere}
.cks-result .o{font-size:1rem;opacity:.95;overflow-wrap:anywhere}
.cks-result .r{font-size:1.05rem;font-weight:600;margin-top:6px}
.cks-result .c{display:inline-block;margin-top:6px;padding:2px 10px;border-radius:6px;border:2px solid #fff;font-weight:700}
.cks-result .m{font-size:.8rem;opacity:.85;margin-top:4px}
.cks-row{display:flex;gap:6px}.cks-row input{flex:1}
.cks-walkin{display:block;text-align:center;text-decoration:none;flex:1}
.cks-row button,.cks-btn{font:inherit;font-weight:600;padding:8px 14px;border-radius:6px;border:1px solid #1B3A6B;background:#1B3A6B;color:#fff;cursor:pointer}
.cks-hits{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}
.cks-hits button{width:100%;text-align:left;font:inherit;padding:8px;border:1px solid #ccd;border-radius:6px;background:inherit;color:inherit;cursor:pointer}
.cks-inside{font-size:.9rem}
`;

const TITLES = { accepted: "WELCOME", alreadyInside: "ALREADY INSIDE", notInside: "NOT INSIDE", refused: "REFUSED" };
const EXIT_TITLES = { accepted: "GOODBYE" };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function newNonce() {
  if (crypto.randomUUID) return crypto.randomUUID().replaceAll("-", "");
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}

// --- IndexedDB (lists by edition slug, queued scans by nonce) ---
function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open("doc-checkin", 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore("lists");
      req.result.createObjectStore("queue", { keyPath: "nonce" });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
function idb(db, store, mode, fn) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(req ? req.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

function beep(kind) {
  try {
    const ctx = beep.ctx || (beep.ctx = new (window.AudioContext || window.webkitAudioContext)());
    const tones = kind === "accepted" ? [[880, 0, 0.12]] : kind === "refused" ? [[220, 0, 0.45]] : [[520, 0, 0.12], [520, 0.2, 0.12]];
    for (const [freq, at, len] of tones) {
      const osc = ctx.createOscillator(), gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + len);
    }
  } catch { /* no audio: the colour and the vibration still tell */ }
  try { navigator.vibrate?.(kind === "accepted" ? 80 : kind === "refused" ? [250, 100, 250] : [100, 80, 100]); } catch { /* ignore */ }
}

/** Starts the scanner inside `root`. Returns { stop } . */
export function mount(root, options = {}) {
  const base = options.baseUrl || "";
  const state = {
    editions: JSON.parse(localStorage.getItem("doc.checkin.editions") || "[]"),
    editionId: Number(localStorage.getItem("doc.checkin.edition")) || null,
    pointId: Number(localStorage.getItem("doc.checkin.point")) || null,
    direction: "entry",
    index: null,
    db: null,
    online: navigator.onLine,
    queued: 0,
    lastText: null, lastAt: 0,
    inside: new Map(JSON.parse(localStorage.getItem("doc.checkin.inside") || "[]")),
    stream: null, timers: [], stopped: false,
  };

  if (!document.getElementById("doc-checkin-style")) document.head.append(el("style", { id: "doc-checkin-style" }, STYLE));
  root.textContent = "";
  const statusPill = el("span", { class: "cks-pill", "data-testid": "checkin-online" });
  const queueInfo = el("span", { class: "cks-queue", "data-testid": "checkin-queue" });
  const insideInfo = el("span", { class: "cks-inside", "data-testid": "checkin-inside" });
  const editionSelect = el("select", { "aria-label": "Edition", onchange: () => selectEdition(Number(editionSelect.value)) });
  const pointSelect = el("select", { "aria-label": "Check-in point", onchange: () => selectPoint(Number(pointSelect.value)) });
  const entryBtn = el("button", { type: "button", "aria-pressed": "true", onclick: () => setDirection("entry") }, "Entry");
  const exitBtn = el("button", { type: "button", "aria-pressed": "false", onclick: () => setDirection("exit") }, "Exit");
  const video = el("video", { playsinline: "", muted: "", autoplay: "", "aria-label": "Camera" });
  video.muted = true;
  const camErr = el("div", { class: "cks-camerr", hidden: "" });
  const cam = el("div", { class: "cks-cam" }, video, el("div", { class: "cks-frame" }), camErr);
  const result = el("div", { class: "cks-result", role: "status", "aria-live": "assertive", "data-testid": "checkin-result" },
    el("div", { class: "t" }, "Ready"), el("div", { class: "o" }, "Point the camera at a badge, type a code or search a name."));
  const codeInput = el("input", { type: "text", placeholder: "Scanner / short code, then Enter", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", "aria-label": "Code", "data-testid": "checkin-code" });
  codeInput.addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const text = codeInput.value;
    codeInput.value = "";
    if (text.trim()) handle({ code: text.trim() }, "typed");
  });
  const searchInput = el("input", { type: "search", placeholder: "Search by name or organisation", "aria-label": "Search by name", "data-testid": "checkin-search" });
  const hits = el("ul", { class: "cks-hits" });
  // Walk-ins need the server (registration, badge): a Blazor page, opened at the point chosen here.
  const walkIn = el("a", { class: "cks-btn cks-walkin", href: "/checkin/walk-in", "data-testid": "checkin-walkin" }, "Register a walk-in");
  let searchTimer;
  searchInput.addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(search, 250); });

  root.append(el("div", { class: "cks" },
    el("div", { class: "cks-bar" }, statusPill, queueInfo, insideInfo),
    el("div", { class: "cks-pick" }, editionSelect, pointSelect),
    el("div", { class: "cks-dir", role: "group", "aria-label": "Direction" }, entryBtn, exitBtn),
    result,
    cam,
    el("div", { class: "cks-row" }, codeInput, el("button", { type: "button", onclick: () => { const t = codeInput.value; codeInput.value = ""; if (t.trim()) handle({ code: t.trim() }, "typed"); } }, "Check")),
    el("div", { class: "cks-row" }, searchInput),
    hits,
    el("div", { class: "cks-row" }, walkIn)));

  function renderStatus() {
    statusPill.textContent = state.online ? "Online" : "Offline";
    statusPill.className = "cks-pill " + (state.online ? "on" : "off");
    queueInfo.textContent = state.queued === 0 ? "All scans sent" : `${state.queued} scan${state.queued === 1 ? "" : "s"} waiting`;
    queueInfo.className = "cks-queue" + (state.queued ? " has" : "");
    root.dataset.online = String(state.online);
    root.dataset.queued = String(state.queued);
  }

  function renderPickers() {
    editionSelect.textContent = "";
    for (const e of state.editions) editionSelect.append(el("option", { value: e.id }, e.title));
    if (!state.editions.some((e) => e.id === state.editionId)) state.editionId = state.editions[0]?.id ?? null;
    editionSelect.value = state.editionId ?? "";
    const edition = state.editions.find((e) => e.id === state.editionId);
    pointSelect.textContent = "";
    for (const p of edition?.points || []) pointSelect.append(el("option", { value: p.id }, p.name));
    if (!(edition?.points || []).some((p) => p.id === state.pointId)) state.pointId = edition?.points[0]?.id ?? null;
    pointSelect.value = state.pointId ?? "";
    if (edition && !edition.points.length) show({ outcome: "refused", reason: "This edition has no check-in points yet: an organiser adds them on the check-in dashboard." });
  }

  function show(r, meta) {
    const outcome = r.outcome || "refused";
    result.className = "cks-result " + outcome;
    result.dataset.outcome = outcome;
    result.textContent = "";
    const title = (state.direction === "exit" && EXIT_TITLES[outcome]) || TITLES[outcome] || outcome;
    result.append(el("div", { class: "t" }, title));
    const a = r.attendee;
    if (a) {
      result.append(el("div", { class: "n" }, a.name));
      result.append(el("div", { class: "o" }, [a.organisation, a.country].filter(Boolean).join(" · ")));
      const chip = el("span", { class: "c" }, a.category);
      chip.style.background = a.categoryColor || "transparent";
      result.append(chip);
    }
    if (r.reason) result.append(el("div", { class: "r" }, r.reason));
    if (meta) result.append(el("div", { class: "m" }, meta));
  }

  function setDirection(d) {
    state.direction = d;
    entryBtn.setAttribute("aria-pressed", String(d === "entry"));
    exitBtn.setAttribute("aria-pressed", String(d === "exit"));
  }

  async function fetchJson(url, init = {}, timeoutMs = 5000) {
    const ctrl = new AbortController();
    const t = setTimeout(() => ctrl.abort(), timeoutMs);
    try {
      const res = await fetch(base + url, { credentials: "same-origin", ...init, signal: ctrl.signal, headers: { "Content-Type": "application/json", Accept: "application/json", ...(init.headers || {}) } });
      if (res.status === 401 || res.status === 403) { const err = new Error("auth"); err.auth = true; throw err; }
      if (!res.ok) throw new Error("http " + res.status);
      return await res.json();
    } finally { clearTimeout(t); }
  }

  function markOnline(on) {
    if (state.online !== on) { state.online = on; renderStatus(); }
  }

  async function loadEditions() {
    try {
      state.editions = await fetchJson("/api/checkin/editions");
      localStorage.setItem("doc.checkin.editions", JSON.stringify(state.editions));
      markOnline(true);
    } catch { markOnline(false); }
    renderPickers();
    await selectEdition(state.editionId, true);
  }

  async function selectEdition(id, keepPoint) {
    state.editionId = id;
    localStorage.setItem("doc.checkin.edition", String(id ?? ""));
    if (!keepPoint) state.pointId = null;
    renderPickers();
    selectPoint(state.pointId);
    await loadList();
  }

  function selectPoint(id) {
    state.pointId = id;
    localStorage.setItem("doc.checkin.point", String(id ?? ""));
    walkIn.href = id ? `/checkin/walk-in?point=${id}` : "/checkin/walk-in";
    refreshInside();
  }

  async function loadList() {
    const edition = state.editions.find((e) => e.id === state.editionId);
    if (!edition) return;
    let list = null;
    try {
      list = await fetchJson(`/api/checkin/${encodeURIComponent(edition.slug)}/attendees`, {}, 15000);
      if (state.db) await idb(state.db, "lists", "readwrite", (s) => s.put(list, edition.slug));
      markOnline(true);
    } catch {
      if (state.db) list = await idb(state.db, "lists", "readonly", (s) => s.get(edition.slug));
    }
    if (list) state.index = indexList(list);
    root.dataset.listSize = String(list?.attendees.length ?? 0);
  }

  async function refreshInside() {
    if (!state.pointId) return;
    try {
      const r = await fetchJson(`/api/checkin/points/${state.pointId}/inside`);
      insideInfo.textContent = `Inside now: ${r.insideNow}`;
    } catch { /* keep the last figure */ }
  }

  async function countQueue() {
    if (!state.db) return;
    state.queued = await idb(state.db, "queue", "readonly", (s) => s.count());
    renderStatus();
  }

  const insideKey = (point, ticket) => `${point}|${ticket}`;
  function rememberInside(point, ticket, direction, at) {
    if (!ticket) return;
    if (direction === "exit") state.inside.delete(insideKey(point, ticket)); else state.inside.set(insideKey(point, ticket), at);
    localStorage.setItem("doc.checkin.inside", JSON.stringify([...state.inside].slice(-5000)));
  }

  async function handle(input, source) {
    if (!state.pointId) { show({ outcome: "refused", reason: "Choose a check-in point first." }); return; }
    const now = Date.now();
    if (source === "camera") {
      // The same code is ignored while it stays in view and for 3 s after it was last seen.
      const same = input.code === state.lastText && now - state.lastAt < 3000;
      state.lastText = input.code;
      state.lastAt = now;
      if (same) return;
    }
    const scan = { nonce: newNonce(), code: input.code ?? null, registrationId: input.registrationId ?? null, point: state.pointId, direction: state.direction, scannedAt: new Date(now).toISOString() };
    const local = input.code && state.index ? await decideOffline(input.code, state.index) : null;
    try {
      const r = await fetchJson("/api/checkin", { method: "POST", body: JSON.stringify(scan) }, 4000);
      markOnline(true);
      show(r, r.outcome === "alreadyInside" ? null : r.checkedInAtLocal ? `${r.pointName} · ${r.checkedInAtLocal} · inside now ${r.insideNow}` : r.pointName);
      insideInfo.textContent = `Inside now: ${r.insideNow}`;
      if (r.outcome === "accepted") rememberInside(scan.point, local?.ticket, scan.direction, Date.now());
      beep(r.outcome);
      flush();
    } catch (err) {
      // Offline, server down or signed out: decide here, keep the scan with its nonce, upload later.
      if (!err.auth) markOnline(false);
      await idb(state.db, "queue", "readwrite", (s) => s.put({ ...scan, offline: true }));
      await countQueue();
      let r = local;
      if (!r) {
        if (input.registrationId) {
          const a = state.index?.list.attendees.find((x) => x.registrationId === input.registrationId);
          r = a ? { outcome: "accepted", attendee: a, ticket: a.ticket } : { outcome: "refused", reason: "Unknown registration" };
        } else r = { outcome: "refused", reason: "No attendee list on this device yet" };
      }
      if (r.outcome === "accepted") {
        const k = insideKey(scan.point, r.ticket);
        if (scan.direction === "entry" && state.inside.has(k)) {
          const at = new Date(state.inside.get(k));
          r = { ...r, outcome: "alreadyInside", reason: `Already checked in at ${at.toTimeString().slice(0, 5)} here` };
        } else if (scan.direction === "exit" && !state.inside.has(k)) {
          r = { ...r, outcome: "notInside", reason: "Not checked in here (on this device)" };
        } else rememberInside(scan.point, r.ticket, scan.direction, now);
      }
      const a = r.attendee;
      show({ ...r, attendee: a ? { name: a.name, organisation: a.organisation, country: a.country, category: a.category, categoryColor: a.categoryColor } : null },
        err.auth ? "Signed out: saved on this device; sign in again to send it." : "Offline: checked on this device, will be sent when back online.");
      beep(r.outcome);
    }
  }

  let flushing = false;
  async function flush() {
    if (flushing || !state.db) return;
    flushing = true;
    try {
      const items = await idb(state.db, "queue", "readonly", (s) => s.getAll());
      for (let i = 0; i < items.length; i += 50) {
        const chunk = items.slice(i, i + 50);
        await fetchJson("/api/checkin/batch", { method: "POST", body: JSON.stringify(chunk) }, 15000);
        await idb(state.db, "queue", "readwrite", (s) => { for (const it of chunk) s.delete(it.nonce); return null; });
        markOnline(true);
      }
    } catch (err) {
      if (!err.auth) markOnline(false);
    } finally {
      flushing = false;
      await countQueue();
    }
  }

  async function search() {
    const q = searchInput.value.trim();
    hits.textContent = "";
    if (q.length < 2 || !state.pointId) return;
    let found;
    try {
      found = await fetchJson(`/api/checkin/search?point=${state.pointId}&q=${encodeURIComponent(q)}`);
    } catch {
      const lq = q.toLowerCase();
      found = (state.index?.list.attendees || []).filter((a) => a.name.toLowerCase().includes(lq) || a.organisation.toLowerCase().includes(lq)).slice(0, 20)
        .map((a) => ({ registrationId: a.registrationId, name: a.name, organisation: a.organisation, country: a.country, status: "Confirmed" }));
    }
    for (const h of found) {
      hits.append(el("li", {}, el("button", {
        type: "button",
        onclick: () => { hits.textContent = ""; searchInput.value = ""; handle({ registrationId: h.registrationId }, "search"); },
      }, `${h.name} — ${h.organisation}, ${h.country}${h.status !== "Confirmed" ? ` (${h.status})` : ""}${h.insideHere ? " · inside" : ""}`)));
    }
  }

  // --- camera ---
  const canvas = document.createElement("canvas");
  const ctx2d = canvas.getContext("2d", { willReadFrequently: true });
  async function startCamera() {
    camErr.hidden = true;
    try {
      if (!window.jsQR) await new Promise((resolve, reject) => {
        const s = el("script", { src: options.jsQrUrl || "lib/jsqr/jsQR.js" });
        s.onload = resolve; s.onerror = reject;
        document.head.append(s);
      });
      state.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
      video.srcObject = state.stream;
      await video.play().catch(() => {});
      root.dataset.camera = "on";
      tick();
    } catch (e) {
      root.dataset.camera = "off";
      camErr.hidden = false;
      camErr.textContent = "";
      camErr.append("Camera unavailable (" + (e?.name || "error") + "). Use the code field or the search. ",
        el("button", { type: "button", class: "cks-btn", onclick: startCamera }, "Retry camera"));
    }
  }
  function tick() {
    if (state.stopped) return;
    if (video.readyState >= 2 && video.videoWidth) {
      const scale = Math.min(1, 800 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      ctx2d.drawImage(video, 0, 0, canvas.width, canvas.height);
      const img = ctx2d.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" });
      if (code && code.data) handle({ code: code.data.trim() }, "camera");
    }
    state.timers.push(setTimeout(tick, 150));
    if (state.timers.length > 100) state.timers.splice(0, 90);
  }

  const onOnline = () => { markOnline(true); flush(); loadList(); };
  const onOffline = () => markOnline(false);
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", onOffline);

  (async () => {
    try { state.db = await openDb(); } catch { state.db = null; }
    renderStatus();
    await countQueue();
    await loadEditions();
    startCamera();
    flush();
    const retry = setInterval(() => { if (state.queued) flush(); refreshInside(); }, 10000);
    const reload = setInterval(loadList, 5 * 60 * 1000);
    state.intervals = [retry, reload];
    root.dataset.ready = "true";
  })();

  return {
    stop() {
      state.stopped = true;
      state.timers.forEach(clearTimeout);
      (state.intervals || []).forEach(clearInterval);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      state.stream?.getTracks().forEach((t) => t.stop());
    },
  };
}
