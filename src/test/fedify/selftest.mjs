// Self-test without Lyceum: two peers (alice, bob) talk over plain HTTP on
// 127.0.0.1, plus "mallory", a hand-made actor in this script that signs
// requests itself and whose inbox refuses RFC 9421 (to exercise double-knocking).
// Run: npm test   (exit code 0 = all checks passed)
import { spawn } from "node:child_process";
import http from "node:http";
import assert from "node:assert/strict";
import { signRequest } from "@fedify/fedify";

const freePort = () => new Promise((ok) => {
  const s = http.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); });
});
const children = [];
async function startPeer(actor, env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ["peer.mjs"], { cwd: import.meta.dirname,
    env: { ...process.env, PORT: String(port), ACTOR: actor, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  await new Promise((ok, fail) => {
    child.stdout.on("data", (d) => String(d).includes("READY") && ok());
    child.on("exit", (code) => fail(new Error(`${actor} exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return { base, actor: `${base}/users/${actor}`, inbox: `${base}/users/${actor}/inbox` };
}
const api = async (peer, path, body) => {
  const res = await fetch(peer.base + path, body === undefined ? {} : { method: "POST",
    headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
};
async function waitFor(peer, pred, what) {
  for (let i = 0; i < 50; i++) {
    const hit = (await api(peer, "/control/received")).json.find(pred);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const show = (label, e) => console.log(label, JSON.stringify({ type: e.type, actor: e.actor,
  objectType: e.objectType, inbox: e.inbox, verifiedBy: e.verifiedBy, httpSignature: e.httpSignature }));

// mallory: a minimal actor served by this script, with its own RSA key.
const keys = await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
const spki = Buffer.from(await crypto.subtle.exportKey("spki", keys.publicKey)).toString("base64");
const pem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g).join("\n")}\n-----END PUBLIC KEY-----\n`;
const mPort = await freePort();
const M = `http://127.0.0.1:${mPort}/users/mallory`;
const malloryInbox = [];
const mallory = http.createServer((req, res) => {
  if (req.method === "POST") { // an inbox that only understands draft-cavage
    malloryInbox.push(req.headers["signature-input"] ? "rfc9421" : "cavage");
    res.writeHead(req.headers["signature-input"] ? 401 : 202).end();
    return;
  }
  res.writeHead(200, { "Content-Type": "application/activity+json" }).end(JSON.stringify({
    "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
    id: M, type: "Person", preferredUsername: "mallory", inbox: `${M}/inbox`,
    publicKey: { id: `${M}#main-key`, owner: M, publicKeyPem: pem } }));
}).listen(mPort, "127.0.0.1");

try {
  const alice = await startPeer("alice");
  const bob = await startPeer("bob");
  console.log("alice:", alice.actor, " bob:", bob.actor);

  // 1. alice follows bob (Fedify's normal delivery); bob auto-accepts.
  const f = await api(alice, "/control/follow", { target: bob.actor });
  console.log("follow ->", f.status, JSON.stringify(f.json.delivery));
  assert.equal(f.status, 200);
  show("bob got  ", await waitFor(bob, (e) => e.type === "Follow" && e.id === f.json.followId, "Follow"));
  const acc = await waitFor(alice, (e) => e.type === "Accept" && e.objectId === f.json.followId, "Accept");
  show("alice got", acc);
  assert.deepEqual((await api(bob, "/control/followers")).json, [alice.actor]);

  // 1b. Undo(Follow) through the generic /control/send; bob drops alice as follower.
  const u = await api(alice, "/control/send", { to: bob.actor, activity: { type: "Undo",
    object: { type: "Follow", id: f.json.followId, actor: alice.actor, object: bob.actor } } });
  assert.equal(u.status, 200, JSON.stringify(u.json));
  show("bob got  ", await waitFor(bob, (e) => e.id === u.json.activityId, "Undo"));
  assert.deepEqual((await api(bob, "/control/followers")).json, []);

  // 2. bob sends alice a Note: Fedify's normal path, then HTTP-signature-only in each spec.
  for (const opts of [{}, { signature: "cavage" }, { delivery: "strict", signature: "rfc9421" },
    { delivery: "strict", signature: "cavage" }]) {
    const n = await api(bob, "/control/note", { to: alice.actor, content: `<p>hi ${JSON.stringify(opts)}</p>`, ...opts });
    assert.equal(n.status, 200, JSON.stringify(n.json));
    const got = await waitFor(alice, (e) => e.type === "Create" && e.objectId === n.json.noteId, "Create(Note)");
    show(`alice got (${opts.delivery ?? "fedify"} ${opts.signature ?? ""})`, got);
    assert.equal(got.raw.object.content, `<p>hi ${JSON.stringify(opts)}</p>`);
    if (opts.signature) assert.equal(got.httpSignature, opts.signature); // what bob signed with
    if (opts.delivery === "strict") assert.equal(got.verifiedBy, "http-signatures");
  }

  // 3. Requests alice must refuse, next to one she must accept (same signer).
  const before = (await api(alice, "/control/rejected")).json.count401;
  const activity = (n) => JSON.stringify({ "@context": "https://www.w3.org/ns/activitystreams",
    id: `${M}/activities/${n}`, type: "Like", actor: M, object: alice.actor });
  const post = (body) => new Request(alice.inbox, { method: "POST",
    headers: { "Content-Type": "application/activity+json" }, body });
  const sign = (req, keyId = `${M}#main-key`) => signRequest(req, keys.privateKey, new URL(keyId), { spec: "rfc9421" });
  const statuses = {
    validMallory: (await fetch(await sign(post(activity(1))))).status,
    unsigned: (await fetch(post(activity(2)))).status,
    tamperedBody: (await fetch(new Request(await sign(post(activity(3))), { body: activity(4) }))).status,
    forgedKeyIdOfBob: (await fetch(await sign(post(activity(5)), `${bob.actor}#main-key`))).status,
    validSharedInbox: (await fetch(await sign(new Request(new URL("/inbox", alice.base), {
      method: "POST", headers: { "Content-Type": "application/activity+json" }, body: activity(6) })))).status,
  };
  console.log("inbox statuses:", JSON.stringify(statuses));
  assert.deepEqual(statuses, { validMallory: 202, unsigned: 401, tamperedBody: 401,
    forgedKeyIdOfBob: 401, validSharedInbox: 202 });
  show("alice got", await waitFor(alice, (e) => e.id === `${M}/activities/1`, "mallory's Like"));
  show("alice got", await waitFor(alice, (e) => e.id === `${M}/activities/6`, "Like via shared inbox"));
  const rej = (await api(alice, "/control/rejected")).json;
  console.log("rejected:", rej.count401 - before, JSON.stringify(rej.unverified.slice(-3).map((r) => r.reason)));
  assert.equal(rej.count401 - before, 3);

  // 4. Double-knocking: mallory's inbox refuses RFC 9421, so Fedify retries with cavage.
  const dk = await api(alice, "/control/note", { to: M, content: "knock knock" });
  console.log("note to cavage-only inbox ->", dk.status, JSON.stringify(dk.json.delivery), "inbox saw", JSON.stringify(malloryInbox));
  assert.equal(dk.json.delivery.signature, "draft-cavage-http-signatures-12");
  assert.equal(dk.json.delivery.knocks[0]?.refused, "rfc9421");
  const strict = await api(alice, "/control/note", { to: M, content: "strict", delivery: "strict", signature: "rfc9421" });
  console.log("strict rfc9421 to cavage-only inbox ->", strict.status, strict.json.delivery.status);
  assert.equal(strict.status, 502);
  console.log("SELFTEST PASSED");
} catch (e) {
  console.error("SELFTEST FAILED:", e);
  process.exitCode = 1;
} finally {
  for (const c of children) c.kill();
  mallory.close();
}
