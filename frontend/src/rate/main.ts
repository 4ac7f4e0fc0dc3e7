// The public rating page (`/r/{unit_code}?t={token}`), opened from a unit's QR code.
import "./rate.css";
import { cachedUnit, loadUnit, parseLink, ratingUrl, type RateLink, type UnitInfo } from "./api";
import { COMMON_SERVICE_TYPES } from "./constants";
import { explain, refusalReason } from "./explain";
import { buildBody, readForm, validate } from "./form";
import {
  deliver,
  flush,
  FLUSHED_MESSAGE,
  SYNC_TAG,
  withQueueLock,
  type FlushResult,
  type Outcome,
  type QueueStore,
  type QueuedRating,
} from "./queue";
import { memoryStore, openStore } from "./store";
import { T } from "./text";
import { uuidV4 } from "./uuid";
import { clearErrors, h, renderDone, renderForm, renderNotices, serviceTypeOptions, showErrors } from "./view";

const app = document.getElementById("app")!;
const fetchFn = (url: string, init: RequestInit) => globalThis.fetch(url, init);
const SW_SCOPE = "/r/";

const link = parseLink(location);
if (!link) fatal(T.badLink);
else if (!link.token) fatal(T.incompleteLink);
else void start(link);

function fatal(text: string) {
  app.replaceChildren(h("p", { class: "card alert", id: "link-error", role: "alert" }, text));
}

function showUnit(u: UnitInfo) {
  const el = document.getElementById("unit-name");
  if (el) el.textContent = u.name ? `${u.name} (${u.code})` : u.code;
}

async function start(link: RateLink) {
  let unit = cachedUnit(link.unit);
  showUnit(unit);
  const notices = h("div", { id: "notices", "aria-live": "polite" });
  const body = h("div", { id: "body" });
  app.replaceChildren(notices, body);

  let store: QueueStore = memoryStore();
  // Opening IndexedDB takes a moment; nothing reads or writes the outbox before it is open.
  const ready = openStore().then((s) => {
    store = s;
  });
  /** The id shown as "saved, will be sent" on the screen, while it waits. */
  let savedId: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backoff = 15_000;

  const when = (at: number | undefined) =>
    at === undefined ? T.soon : T.inSeconds(Math.max(1, Math.round((at - Date.now()) / 1000)));

  function showForm() {
    savedId = undefined;
    const form = renderForm(unit.service_types?.length ? unit.service_types : COMMON_SERVICE_TYPES);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void submit(form);
    });
    body.replaceChildren(form);
    void updateNotices();
  }

  function showDone(title: string, text: string) {
    const done = renderDone(title, text, location.pathname + location.search);
    done.querySelector("#rate-again")!.addEventListener("click", (e) => {
      e.preventDefault();
      showForm();
      window.scrollTo(0, 0);
      document.getElementById("page-title")?.focus();
    });
    body.replaceChildren(done);
    window.scrollTo(0, 0);
    done.querySelector<HTMLElement>("#done-title")!.focus();
    void updateNotices();
  }

  async function submit(form: HTMLFormElement) {
    const button = form.querySelector<HTMLButtonElement>("#submit")!;
    if (button.disabled) return;
    const state = readForm(form);
    const errors = validate(state);
    if (Object.keys(errors).length) return showErrors(form, errors, T.fixErrors);
    clearErrors(form);
    button.disabled = true;
    button.textContent = T.sending;
    await ready;
    const id = uuidV4();
    const item: QueuedRating = { id, url: ratingUrl(link), body: buildBody(state, id), queuedAt: Date.now(), attempts: 0 };
    // Into the outbox before the first attempt: if the page dies mid-request, it is sent later.
    let target = store;
    try {
      await store.put(item);
    } catch {
      target = memoryStore();
      await target.put(item);
    }
    let outcome: Outcome;
    if (navigator.onLine === false) outcome = { kind: "retry", reason: "network" };
    else outcome = await withQueueLock(() => deliver(target, id, fetchFn, { keepFailure: false }));
    button.disabled = false;
    button.textContent = T.submit;
    if (outcome.kind === "sent" || outcome.kind === "gone") return showDone(T.thanksTitle, T.thanks);
    if (outcome.kind === "rejected") {
      const ex = explain(outcome.problem);
      return showErrors(form, ex.fields, ex.general);
    }
    savedId = id;
    const text =
      outcome.reason === "network"
        ? T.saved
        : outcome.reason === "rate_limited"
          ? `${T.tooMany} ${T.savedLater(when(outcome.retryAt))}`
          : T.savedServer;
    showDone(outcome.reason === "rate_limited" ? T.notSentTitle : T.savedTitle, text);
    await requestSync();
    schedule({ sent: [], rejected: [], pending: 1, retryAt: outcome.retryAt });
  }

  async function updateNotices() {
    await ready;
    const items = await store.list().catch(() => [] as QueuedRating[]);
    const waiting = items.filter((i) => !i.failed);
    if (savedId && !waiting.some((i) => i.id === savedId)) {
      // The rating on screen left the outbox: sent, or refused for good.
      const refused = items.find((i) => i.id === savedId && i.failed);
      const text = document.getElementById("done-text");
      if (text) text.textContent = refused?.failed ? refusalReason(refused.failed.problem) : T.sentLater;
      if (refused) await store.remove(refused.id);
      savedId = undefined;
    }
    const others = waiting.filter((i) => i.id !== savedId).length;
    renderNotices(
      notices,
      others ? T.pending(others) : null,
      items
        .filter((i) => i.failed && i.id !== savedId)
        .map((i) => ({
          id: i.id,
          text: T.failedStored(
            new Date(i.queuedAt).toLocaleString("id-ID", { dateStyle: "medium", timeStyle: "short" }),
            refusalReason(i.failed!.problem),
          ),
        })),
      (id) => void store.remove(id).then(updateNotices),
    );
  }

  function schedule(r: FlushResult) {
    clearTimeout(timer);
    if (r.pending === 0) {
      backoff = 15_000;
      return;
    }
    let delay = backoff;
    if (r.retryAt !== undefined) delay = Math.max(1000, r.retryAt - Date.now());
    else backoff = Math.min(backoff * 2, 300_000);
    timer = setTimeout(() => void sendWaiting(), delay);
  }

  async function sendWaiting() {
    if (navigator.onLine === false) return; // the `online` event brings us back
    await ready;
    const result = await withQueueLock(() => flush(store, fetchFn)).catch(() => undefined);
    if (!result) return;
    schedule(result);
    if (result.pending) await requestSync();
    await updateNotices();
  }

  showForm();
  void loadUnit(link).then((u) => {
    unit = u;
    showUnit(u);
    const list = document.getElementById("service-types") as HTMLDataListElement | null;
    if (list && u.service_types?.length) serviceTypeOptions(list, u.service_types);
  });
  await ready;
  window.addEventListener("online", () => void sendWaiting());
  navigator.serviceWorker?.addEventListener("message", (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type === FLUSHED_MESSAGE) void updateNotices();
  });
  await sendWaiting();
  await updateNotices();
  registerServiceWorker();
}

/** Asks the service worker to send the outbox when the connection returns (where supported). */
async function requestSync() {
  try {
    const reg = await navigator.serviceWorker?.getRegistration(SW_SCOPE);
    await (reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync?.register(
      SYNC_TAG,
    );
  } catch {
    // no Background Sync: the page sends on `online`, on load and on its timer
  }
}

function registerServiceWorker() {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () => void navigator.serviceWorker.register("/rate-sw.js", { scope: SW_SCOPE }).catch(() => undefined);
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
