import type { ReactNode } from "react";

type Result = { ok: true } | { ok: false; error: string } | null;

/**
 * An action's outcome in a live region that exists before any text arrives, so screen readers
 * announce the text when it appears (a region inserted together with its text often is not).
 */
export function LiveStatus({ state, success, testId }: { state: Result; success?: ReactNode; testId?: string }) {
  return (
    <div role="status" className="live-status" data-testid={testId}>
      {state && !state.ok && <p className="form-error">{state.error}</p>}
      {state?.ok && success && <p className="form-success">{success}</p>}
    </div>
  );
}
