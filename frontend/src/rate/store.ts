// Where the outbox lives: IndexedDB (shared with the service worker, so Background Sync can
// send while the page is closed); localStorage when IndexedDB cannot be opened; memory last.
import type { QueueStore, QueuedRating } from "./queue";

const DB = "pembina-rate";
const STORE = "outbox";
export const LOCAL_KEY = "pembina.rate.outbox";

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

export function openIdbStore(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<QueueStore> {
  if (!factory) return Promise.reject(new Error("no IndexedDB"));
  const open = factory.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: "id" });
  return done(open).then((db) => {
    const tx = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>) => {
      const t = db.transaction(STORE, mode);
      const committed = new Promise<void>((resolve, reject) => {
        t.oncomplete = () => resolve();
        t.onerror = t.onabort = () => reject(t.error);
      });
      const result = await done(fn(t.objectStore(STORE)));
      await committed;
      return result;
    };
    return {
      get: (id) => tx("readonly", (s) => s.get(id) as IDBRequest<QueuedRating | undefined>),
      list: () => tx("readonly", (s) => s.getAll() as IDBRequest<QueuedRating[]>),
      put: (item) => tx("readwrite", (s) => s.put(item)).then(() => undefined),
      remove: (id) => tx("readwrite", (s) => s.delete(id)).then(() => undefined),
    };
  });
}

/** The outbox as one JSON array in a `Storage` (localStorage). */
export function storageStore(storage: Storage, key = LOCAL_KEY): QueueStore {
  const read = (): QueuedRating[] => {
    try {
      const v = JSON.parse(storage.getItem(key) ?? "[]") as unknown;
      return Array.isArray(v) ? (v as QueuedRating[]) : [];
    } catch {
      return [];
    }
  };
  const write = (items: QueuedRating[]) => {
    if (items.length) storage.setItem(key, JSON.stringify(items));
    else storage.removeItem(key);
  };
  return {
    get: async (id) => read().find((i) => i.id === id),
    list: async () => read(),
    put: async (item) => write([...read().filter((i) => i.id !== item.id), item]),
    remove: async (id) => write(read().filter((i) => i.id !== id)),
  };
}

export function memoryStore(): QueueStore {
  const items = new Map<string, QueuedRating>();
  return {
    get: async (id) => {
      const v = items.get(id);
      return v && structuredClone(v);
    },
    list: async () => [...items.values()].map((v) => structuredClone(v)),
    put: async (item) => void items.set(item.id, structuredClone(item)),
    remove: async (id) => void items.delete(id),
  };
}

/**
 * The page's outbox: IndexedDB, moving in whatever an earlier visit left in localStorage;
 * else localStorage; else memory (the rating then survives only while the page stays open).
 */
export async function openStore(): Promise<QueueStore> {
  let local: QueueStore | undefined;
  try {
    local = storageStore(globalThis.localStorage);
    await local.list();
  } catch {
    local = undefined;
  }
  try {
    const idb = await openIdbStore();
    if (local) {
      for (const item of await local.list()) {
        await idb.put(item);
        await local.remove(item.id);
      }
    }
    return idb;
  } catch {
    return local ?? memoryStore();
  }
}
