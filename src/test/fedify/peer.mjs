// Fedify-based ActivityPub test peer for Lyceum's interop tests.  See README.md.
import http from "node:http";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { configure, getConsoleSink, withFilter } from "@logtape/logtape";
import { Temporal } from "@js-temporal/polyfill";
import { createFederation, MemoryKvStore, signRequest } from "@fedify/fedify";
import {
  Accept, Activity, Announce, Create, Delete, Endpoints, Follow, Like, Mention,
  Note, Person, PUBLIC_COLLECTION, Reject, Undo, Update, isActor,
} from "@fedify/vocab";

const PORT = Number(process.env.PORT ?? process.argv[2] ?? 3000);
const ORIGIN = (process.env.ORIGIN ?? `http://127.0.0.1:${PORT}`).replace(/\/$/, "");
const ACTOR = process.env.ACTOR ?? "alice";
const SPECS = { rfc9421: "rfc9421", cavage: "draft-cavage-http-signatures-12" };
const SIGNATURE = process.env.SIGNATURE ?? "rfc9421";
const DELIVERY = process.env.DELIVERY ?? "fedify"; // "fedify" | "strict", see deliver()
if (!SPECS[SIGNATURE] || !["fedify", "strict"].includes(DELIVERY)) {
  throw new Error("SIGNATURE must be rfc9421|cavage and DELIVERY fedify|strict");
}

// What the inboxes saw.  Kept in memory: one peer process lives for one test.
const received = [], rejected = [], sent = [];
const followers = new Map(); // follower actor id -> Recipient {id, inboxId, endpoints}
const notes = new Map(); // note uuid -> Note, so Lyceum can dereference them
let inbox401 = 0;

// Fedify does not tell an inbox listener *how* it authenticated an activity
// (it tries Linked Data Signatures, then Object Integrity Proofs, then HTTP
// Signatures).  It does log which one succeeded, so a LogTape sink reads those
// records and notes them in the AsyncLocalStorage scope of the HTTP request.
const scope = new AsyncLocalStorage();
const VERIFIED = {
  "HTTP Signatures are verified.": "http-signatures",
  "Linked Data Signatures are verified.": "ld-signatures",
  "Object Integrity Proofs are verified.": "object-integrity-proofs",
};
function captureSink(record) {
  const s = scope.getStore();
  if (s == null) return;
  const msg = String(record.rawMessage);
  if (VERIFIED[msg]) s.verifiedBy = VERIFIED[msg];
  else if (msg.includes("(double-knocking)")) { // outgoing: the first spec was refused
    s.knocks.push({ refused: record.properties.spec, status: record.properties.status,
      retriedWith: record.properties.secondSpec });
  }
}
await configure({
  contextLocalStorage: new AsyncLocalStorage(), // Fedify logs with implicit contexts
  sinks: { console: withFilter(getConsoleSink(), process.env.LOG_LEVEL ?? "warning"),
    capture: captureSink },
  loggers: [
    { category: ["fedify"], sinks: ["console"], lowestLevel: "debug" },
    { category: ["fedify", "federation", "inbox"], sinks: ["capture"] },
    { category: ["fedify", "sig", "http"], sinks: ["capture"] },
    { category: ["logtape", "meta"], sinks: ["console"], lowestLevel: "warning" },
  ],
});

// Fresh keys per run; Fedify's generateCryptoKeyPair() would make RSA-4096,
// we want the common 2048-bit size.  Ed25519 adds Object Integrity Proofs.
const rsa = await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
const keyPairs = [rsa];
if (process.env.ED25519 !== "0") {
  keyPairs.push(await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]));
}

const kv = new MemoryKvStore();
const SPEC_CACHE = ["_fedify", "httpMessageSignaturesSpec"]; // origin -> spec it accepted
const federation = createFederation({
  kv,
  kvPrefixes: { httpMessageSignaturesSpec: SPEC_CACHE },
  origin: ORIGIN,
  allowPrivateAddress: true, // 127.0.0.1 peers; signatures are still verified
  firstKnock: SPECS[SIGNATURE], // spec of the first attempt at an unknown server
  // no `queue`: inbox listeners run before the response and sends are immediate
});

federation.setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
  if (identifier !== ACTOR) return null;
  const keys = await ctx.getActorKeyPairs(identifier);
  return new Person({
    id: ctx.getActorUri(identifier),
    preferredUsername: identifier,
    name: `${identifier} (Fedify test peer)`,
    inbox: ctx.getInboxUri(identifier),
    outbox: ctx.getOutboxUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    followers: ctx.getFollowersUri(identifier),
    manuallyApprovesFollowers: false,
    publicKey: keys[0].cryptographicKey, // the RSA key, id <actor>#main-key
    assertionMethods: keys.map((k) => k.multikey),
  });
}).setKeyPairsDispatcher((_ctx, identifier) => identifier === ACTOR ? keyPairs : [])
  .mapHandle((_ctx, username) => username === ACTOR ? ACTOR : null); // WebFinger acct:

federation.setFollowersDispatcher("/users/{identifier}/followers",
  (_ctx, identifier) => identifier === ACTOR ? { items: [...followers.values()] } : null);
federation.setOutboxDispatcher("/users/{identifier}/outbox", () => ({ items: [] }));
federation.setObjectDispatcher(Note, "/users/{identifier}/notes/{id}",
  (_ctx, { identifier, id }) => identifier === ACTOR ? notes.get(id) ?? null : null);

// Fedify calls these listeners only for activities it has authenticated.
function record(ctx, activity) {
  const s = scope.getStore() ?? {};
  const raw = s.raw ?? null;
  const obj = raw?.object;
  received.push({ type: raw?.type ?? activity.constructor.name, id: activity.id?.href ?? null,
    actor: activity.actorId?.href ?? null,
    objectType: typeof obj === "object" && obj ? obj.type ?? null : null,
    objectId: (typeof obj === "string" ? obj : obj?.id) ?? activity.objectId?.href ?? null,
    inbox: ctx.recipient == null ? "shared" : "personal", verifiedBy: s.verifiedBy ?? "unknown",
    httpSignature: s.httpSignature, receivedAt: new Date().toISOString(), raw });
}
const inbox = federation.setInboxListeners("/users/{identifier}/inbox", "/inbox");
for (const T of [Accept, Reject, Announce, Create, Update, Delete, Like]) inbox.on(T, record);
inbox.on(Undo, async (ctx, undo) => {
  record(ctx, undo);
  const undone = await undo.getObject(ctx).catch(() => null);
  if (undone instanceof Follow && undo.actorId) followers.delete(undo.actorId.href);
});
inbox.on(Follow, async (ctx, follow) => {
  record(ctx, follow);
  if (follow.objectId?.href !== ctx.getActorUri(ACTOR).href) return;
  const follower = await follow.getActor(ctx);
  if (!isActor(follower) || follower.id == null) return;
  // a bare Recipient, so the followers collection lists ids, not embedded actors
  followers.set(follower.id.href,
    { id: follower.id, inboxId: follower.inboxId, endpoints: follower.endpoints });
  const accept = new Accept({ id: new URL(`/users/${ACTOR}/accepts/${randomUUID()}`, ORIGIN),
    actor: ctx.getActorUri(ACTOR), to: follower.id, object: follow });
  // Sent after our 202 is written, so the follower has recorded its Follow first.
  scope.getStore()?.after.push(() => deliver(ctx, follower, accept, {}));
});
inbox.on(Activity, record); // any other type (EmojiReact, Block, Move, …)
inbox.onUnverifiedActivity((_ctx, activity, reason) => { // Fedify still answers 401
  rejected.push({ type: activity.constructor.name, id: activity.id?.href ?? null,
    actor: activity.actorId?.href ?? null, reason: reason.type,
    keyId: reason.keyId?.href ?? null, at: new Date().toISOString() });
});

// DELIVERY=fedify: Fedify's normal path (LD signature + proof + HTTP signature,
// double-knocking between RFC 9421 and draft-cavage).  DELIVERY=strict: only an
// HTTP signature of exactly the chosen spec, one attempt, no LD signature or
// proof, so the receiver must verify that very HTTP signature.
async function deliver(ctx, recipient, activity, opts) {
  const mode = opts.delivery ?? DELIVERY;
  const spec = SPECS[opts.signature ?? SIGNATURE];
  const entry = { type: activity.constructor.name, id: activity.id?.href, to: recipient.id?.href,
    inbox: recipient.inboxId?.href, delivery: mode, ok: false };
  sent.push(entry);
  const s = { knocks: [], after: [] };
  const cacheKey = [...SPEC_CACHE, new URL(recipient.inboxId).origin];
  try {
    if (!spec) throw new Error("signature must be rfc9421|cavage");
    if (mode === "strict") {
      const [{ privateKey, keyId }] = await ctx.getActorKeyPairs(ACTOR);
      const json = await activity.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader });
      const request = await signRequest(new Request(recipient.inboxId, { method: "POST",
        headers: { "Content-Type": "application/activity+json" }, body: JSON.stringify(json) }),
        privateKey, keyId, { spec });
      const res = await fetch(request, { redirect: "manual" });
      Object.assign(entry, { signature: spec, status: res.status, ok: res.ok });
      if (!res.ok) entry.error = (await res.text()).slice(0, 500);
    } else {
      // Fedify's first knock uses the spec cached for that origin, else firstKnock;
      // a per-request "signature" overrides the cache.  Afterwards the cache holds
      // the spec the server accepted.
      if (opts.signature) await kv.set(cacheKey, spec);
      await scope.run(s, () => ctx.sendActivity({ identifier: ACTOR }, recipient, activity,
        { immediate: true }));
      Object.assign(entry, { ok: true, signature: await kv.get(cacheKey), knocks: s.knocks });
    }
  } catch (e) {
    Object.assign(entry, { error: String(e?.message ?? e), knocks: s.knocks });
  }
  return entry;
}

async function lookupActor(ctx, target) {
  const actor = await ctx.lookupObject(target);
  if (!isActor(actor) || actor.inboxId == null) throw new Error(`not an actor with an inbox: ${target}`);
  return actor;
}

const control = {
  "GET /control/health": () => ({ ok: true, actor: `${ORIGIN}/users/${ACTOR}`,
    signature: SIGNATURE, delivery: DELIVERY }),
  "GET /control/received": () => received,
  "GET /control/rejected": () => ({ count401: inbox401, unverified: rejected }),
  "GET /control/sent": () => sent,
  "GET /control/followers": () => [...followers.keys()],
  "POST /control/reset": () => { // followers are kept: they are state, not a log
    received.length = rejected.length = sent.length = inbox401 = 0;
    return { ok: true };
  },
  "POST /control/follow": async (ctx, body) => {
    const target = await lookupActor(ctx, body.target);
    const follow = new Follow({ id: new URL(`/users/${ACTOR}/follows/${randomUUID()}`, ORIGIN),
      actor: ctx.getActorUri(ACTOR), object: target.id, to: target.id });
    return { followId: follow.id.href, delivery: await deliver(ctx, target, follow, body) };
  },
  "POST /control/note": async (ctx, body) => {
    const target = await lookupActor(ctx, body.to);
    const uuid = randomUUID();
    const noteId = ctx.getObjectUri(Note, { identifier: ACTOR, id: uuid });
    const direct = body.visibility === "direct";
    const note = new Note({ id: noteId, attribution: ctx.getActorUri(ACTOR),
      tos: direct ? [target.id] : [PUBLIC_COLLECTION, target.id],
      ccs: direct ? [] : [ctx.getFollowersUri(ACTOR)],
      content: body.content ?? "Hello from Fedify", published: Temporal.Now.instant(),
      replyTarget: body.inReplyTo ? new URL(body.inReplyTo) : null,
      tags: [new Mention({ href: target.id, name: `@${target.preferredUsername}@${target.id.host}` })],
    });
    notes.set(uuid, note);
    const create = new Create({ id: new URL(`${noteId.href}#create`), actor: note.attributionId,
      tos: note.toIds, ccs: note.ccIds, published: note.published, object: note });
    return { createId: create.id.href, noteId: noteId.href,
      delivery: await deliver(ctx, target, create, body) };
  },
  // Any other activity from alice, as ActivityStreams JSON; id and actor are filled in.
  "POST /control/send": async (ctx, body) => {
    const target = await lookupActor(ctx, body.to);
    const activity = await Activity.fromJsonLd({ "@context": "https://www.w3.org/ns/activitystreams",
      id: `${ORIGIN}/users/${ACTOR}/activities/${randomUUID()}`, actor: ctx.getActorUri(ACTOR).href,
      ...body.activity }, ctx);
    return { activityId: activity.id.href, delivery: await deliver(ctx, target, activity, body) };
  },
};

async function handle(req, res) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks);
  // Keep the Host the client signed; ORIGIN only names our own URLs.
  const url = new URL(req.url, `http://${req.headers.host ?? new URL(ORIGIN).host}`);
  const route = control[`${req.method} ${url.pathname}`];
  if (route) {
    let status = 200, result;
    try {
      const ctx = federation.createContext(new URL(ORIGIN), undefined);
      result = await route(ctx, body.length ? JSON.parse(body) : {});
      if (result?.delivery?.ok === false) status = 502;
    } catch (e) {
      status = 400;
      result = { error: String(e?.message ?? e) };
    }
    res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(result));
    return;
  }
  let raw = null;
  try { raw = body.length ? JSON.parse(body) : null; } catch { /* Fedify answers 400 */ }
  const s = { raw, knocks: [], after: [], httpSignature: req.headers["signature-input"]
    ? "rfc9421" : req.headers.signature ? "cavage" : null };
  const request = new Request(url, { method: req.method, headers: req.headers,
    body: ["GET", "HEAD"].includes(req.method) ? undefined : body });
  const response = await scope.run(s, () => federation.fetch(request, { contextData: undefined }));
  if (req.method === "POST" && response.status === 401) inbox401++;
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
  for (const task of s.after) await task().catch((e) => console.error("after-task failed:", e));
}

http.createServer((req, res) => handle(req, res).catch((e) => {
  console.error(e);
  if (!res.headersSent) res.writeHead(500).end(String(e));
})).listen(PORT, "127.0.0.1", () => {
  console.log(`READY ${ORIGIN}/users/${ACTOR} signature=${SIGNATURE} delivery=${DELIVERY}`);
});
