// Offline verifier of the check-in scanner (src/DaysOfClusters.Web/wwwroot/js/checkin-scanner.js), run with `node --test tests/js`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { generateKeyPairSync, sign } from "node:crypto";

const source = await readFile(new URL("../../src/DaysOfClusters.Web/wwwroot/js/checkin-scanner.js", import.meta.url), "utf8");
const scanner = await import("data:text/javascript;base64," + Buffer.from(source).toString("base64"));

// The worked example of docs/badge-qr-format.md, produced by the .NET BadgeToken.Encode.
const DOC_SPKI = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9Kj456msyeEZVdZu0Wold/xoWH+hS2MGEB+pKPcgSDYmds7lXIIz2ogFUt371SyEyeQpaZVUBof+jQBEuqHdEw==";
const DOC_TEXT = "DOC1:V50000A31I/7%F2D1QV505H0BO1/-GF.3P9EJ%L1:HM+1W2H/:RPXO-03%W5G*Q RL.YJ5SI:S5U:PM:9D8CN*CIP3%2UI/LVYR1FEU4ND73N+5G$TXZL:04";

function base45Encode(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 < bytes.length) {
      let n = bytes[i] * 256 + bytes[i + 1];
      const c = n % 45; n = (n - c) / 45;
      const d = n % 45; const e = (n - d) / 45;
      out += scanner.ALPHABET[c] + scanner.ALPHABET[d] + scanner.ALPHABET[e];
    } else {
      out += scanner.ALPHABET[bytes[i] % 45] + scanner.ALPHABET[Math.floor(bytes[i] / 45)];
    }
  }
  return out;
}

test("verifyBadge accepts the .NET-produced example of the format document", async () => {
  const key = await scanner.importSpki(DOC_SPKI);
  const r = await scanner.verifyBadge(DOC_TEXT, key);
  assert.equal(r.status, "Valid");
  assert.equal(r.editionId, 8);
  assert.equal(r.ticket, "7a3f00129bcde401");
  assert.equal(r.issue, 3);
  assert.equal(r.category, 2);
  assert.equal(scanner.parseTicket("7mfr-02ad-wvs0l"), "7a3f00129bcde401");
});

test("verifyBadge rejects every single-byte flip, truncation and malformed text", async () => {
  const key = await scanner.importSpki(DOC_SPKI);
  const raw = scanner.base45Decode(DOC_TEXT.slice(5));
  for (let i = 0; i < raw.length; i++) {
    for (const mask of [0x01, 0x80, 0xff]) {
      const forged = Uint8Array.from(raw);
      forged[i] ^= mask;
      const r = await scanner.verifyBadge("DOC1:" + base45Encode(forged), key);
      assert.notEqual(r.status, "Valid", `flip ${mask} at byte ${i}`);
    }
  }
  for (const text of [DOC_TEXT.slice(0, -1), DOC_TEXT.slice(0, -3), DOC_TEXT.toLowerCase(), "DOC1:", "", "hello", DOC_TEXT.replace("DOC1:", "DOC2:")])
    assert.notEqual((await scanner.verifyBadge(text, key)).status, "Valid", text);
  assert.equal((await scanner.verifyBadge(DOC_TEXT.replace("DOC1:", "DOC2:"), key)).status, "UnsupportedVersion");
});

test("decideOffline uses the cached list: accepted, revoked (reissued), unknown, other edition", async () => {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  const make = (edition, ticketHex, issue) => {
    const payload = Buffer.alloc(16);
    payload[0] = 1;
    payload.writeUInt32BE(edition, 1);
    Buffer.from(ticketHex, "hex").copy(payload, 5);
    payload.writeUInt16BE(issue, 13);
    payload[15] = 1;
    const sig = sign("sha256", payload, { key: privateKey, dsaEncoding: "ieee-p1363" });
    return "DOC1:" + base45Encode(Buffer.concat([payload, sig]));
  };
  const list = {
    editionId: 5, spki,
    attendees: [{ ticket: "0102030405060708", issue: 2, registrationId: 7, name: "Ana", organisation: "X", country: "Serbia", category: "Delegate", categoryColor: "#000" }],
    revoked: [{ ticket: "0102030405060708", issue: 1, reason: "lost" }, { ticket: "1111111111111111", issue: 1, reason: "cancelled" }],
  };
  const index = scanner.indexList(list);
  assert.equal((await scanner.decideOffline(make(5, "0102030405060708", 2), index)).outcome, "accepted");
  const old = await scanner.decideOffline(make(5, "0102030405060708", 1), index);
  assert.equal(old.reasonCode, "revoked");
  assert.match(old.reason, /lost/);
  assert.equal((await scanner.decideOffline(make(5, "1111111111111111", 1), index)).reasonCode, "revoked");
  assert.equal((await scanner.decideOffline(make(5, "2222222222222222", 1), index)).reasonCode, "unknown-ticket");
  assert.equal((await scanner.decideOffline(make(6, "0102030405060708", 2), index)).outcome, "refused");
  const good = make(5, "0102030405060708", 2);
  const flipped = good.slice(0, 60) + (good[60] === "A" ? "B" : "A") + good.slice(61);
  assert.equal((await scanner.decideOffline(flipped, index)).outcome, "refused");
  assert.equal((await scanner.decideOffline("not a code", index)).reasonCode, "invalid");
});

test("decideOffline refuses the typed short code or hex of a lost badge, also when its ticket was reissued in place", async () => {
  const list = {
    editionId: 5, spki: "",
    attendees: [
      // Reissued before every issue got its own ticket: issue 1 (lost) and issue 2 print the same short code.
      { ticket: "0102030405060708", issue: 2, registrationId: 7, name: "Ana", organisation: "X", country: "Serbia", category: "Delegate", categoryColor: "#000" },
      // Reissued since: the replacement has a ticket of its own (issue numbers still count up per person).
      { ticket: "0a0b0c0d0e0f0102", issue: 2, registrationId: 8, name: "Marko", organisation: "Y", country: "Serbia", category: "Delegate", categoryColor: "#000" },
    ],
    revoked: [{ ticket: "0102030405060708", issue: 1, reason: "lost" }, { ticket: "3333333333333333", issue: 1, reason: "lost at the coffee break" }],
  };
  const index = scanner.indexList(list);
  for (const typed of ["0102030405060708", "020G-30G2-GC1R8", "020g 30g2 gc1r8"]) {
    const r = await scanner.decideOffline(typed, index);
    assert.equal(r.outcome, "refused", typed);
    assert.equal(r.reasonCode, "revoked", typed);
  }
  const lost = await scanner.decideOffline("3333333333333333", index);
  assert.equal(lost.reasonCode, "revoked");
  assert.match(lost.reason, /coffee break/);
  assert.equal((await scanner.decideOffline("0a0b0c0d0e0f0102", index)).outcome, "accepted");
});
