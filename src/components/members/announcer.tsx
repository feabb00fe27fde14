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

type Announcement = { text: string; ok: boolean; at: number } | null;
const AnnounceContext = createContext<(text: string, ok: boolean) => void>(() => {});

/**
 * One result line for the members page, above the tables: a row's form can vanish with the
 * refresh its action causes (a removed member, a withdrawn invitation), so its outcome is shown
 * here, in a live region that exists before any text arrives, and focus moves to it.
 */
export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<Announcement>(null);
  const ref = useRef<HTMLParagraphElement>(null);
  const announce = useCallback((text: string, ok: boolean) => setMessage({ text, ok, at: Date.now() }), []);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <AnnounceContext.Provider value={announce}>
      <div role="status" aria-live="polite" className="members-result">
        <p
          ref={ref}
          tabIndex={-1}
          className={message ? (message.ok ? "notice success" : "notice form-error") : undefined}
          data-testid="members-result"
          key={message?.at}
        >
          {message?.text}
        </p>
      </div>
      {children}
    </AnnounceContext.Provider>
  );
}

type Outcome<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** useActionState whose outcome (the error, or the success text chosen here) goes to the Announcer. */
export function useAnnouncedAction<T>(
  action: (prev: unknown, data: FormData) => Promise<Outcome<T>>,
  success: (data: T) => string,
) {
  const announce = useContext(AnnounceContext);
  return useActionState(async (prev: Outcome<T> | null, data: FormData) => {
    const result = await action(prev, data);
    announce(result.ok ? success(result.data) : result.error, result.ok);
    return result;
  }, null);
}
