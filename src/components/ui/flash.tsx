"use client";
import {
  createContext,
  useActionState,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from "react";

type Flash = { text: string; at: number } | null;
const FlashContext = createContext<{ flash: Flash; show(text: string): void }>({ flash: null, show: () => {} });

export const useFlash = () => useContext(FlashContext).show;

/**
 * Keeps the last success message on screen when the form that produced it disappears with the
 * refreshed page (an approved request leaves the "waiting" table, a sent request turns its row
 * into "pending"). Lives in the layout, which survives the refresh.
 */
export function FlashProvider({ children }: { children: ReactNode }) {
  const [flash, setFlash] = useState<Flash>(null);
  const show = useCallback((text: string) => setFlash({ text, at: Date.now() }), []);
  return <FlashContext.Provider value={{ flash, show }}>{children}</FlashContext.Provider>;
}

/** The flashed text, in a live region that is on the page before it; each new text takes the focus. */
export function FlashRegion() {
  const { flash } = useContext(FlashContext);
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (flash) region.current?.focus();
  }, [flash]);
  return (
    <div ref={region} tabIndex={-1} role="status" aria-live="polite" className="flash-region">
      {flash && (
        <p className="notice success" data-testid="flash" key={flash.at}>
          {flash.text}
        </p>
      )}
    </div>
  );
}

type Outcome<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * useActionState for an action whose form may leave the page with the refresh it causes: the
 * success text is flashed (in the layout) as the answer arrives, before that refresh renders, and
 * takes the focus there. The form shows only errors (`errorsOnly`), which it keeps.
 */
export function useFlashingAction<T>(
  action: (prev: unknown, data: FormData) => Promise<Outcome<T>>,
  success: (data: T) => string,
) {
  const show = useFlash();
  return useActionState(async (prev: Outcome<T> | null, data: FormData) => {
    const result = await action(prev, data);
    if (result.ok) show(success(result.data));
    return result;
  }, null);
}

/** An action's result as its own form shows it when successes are flashed: the errors alone. */
export function errorsOnly<R extends { ok: boolean } | null>(result: R): R | null {
  return result?.ok ? null : result;
}
