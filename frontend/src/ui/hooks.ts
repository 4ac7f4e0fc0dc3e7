import { useEffect, useRef, useState } from "react";

/** `value`, once it has stopped changing for `ms` (search as you type without a request per key). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * A search box bound to a search kept in the URL (`urlQ`): what is typed reaches the URL
 * (`commit`, which should be stable between URL changes) once typing pauses, and a search changed
 * from outside (a link, the back button) replaces what is typed.
 */
export function useSearchBox(urlQ: string, commit: (q: string) => void) {
  const [text, setText] = useState(urlQ);
  const q = useDebounced(text.trim());
  // The last search this box and the URL agreed on.
  const agreed = useRef(urlQ);
  useEffect(() => {
    if (q === agreed.current) return;
    agreed.current = q;
    commit(q);
  }, [q, commit]);
  useEffect(() => {
    if (urlQ === agreed.current) return;
    agreed.current = urlQ;
    setText(urlQ);
  }, [urlQ]);
  return [text, setText] as const;
}
