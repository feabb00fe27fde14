"use client";
import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { useActionPending } from "./action-form";

type Result = { ok: true; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string> } | null;

/** The message under a field, from an action's fieldErrors. */
export function FieldError({ state, name }: { state: Result; name: string }) {
  const message = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return message ? <p className="field-error" id={`${name}-error`} data-testid={`error-${name}`}>{message}</p> : null;
}

/** The form-level outcome of an action: the error, or a success text the caller chooses. */
export function FormMessage({ state, success }: { state: Result; success?: ReactNode }) {
  if (!state) return null;
  if (!state.ok) return <p className="form-error" role="status" data-testid="form-error">{state.error}</p>;
  return success ? <p className="form-success" role="status" data-testid="form-success">{success}</p> : null;
}

export function SubmitButton({ children, pendingLabel, className = "button primary", testId }: { children: ReactNode; pendingLabel?: ReactNode; className?: string; testId?: string }) {
  const status = useFormStatus();
  const pending = useActionPending() || status.pending;
  return (
    <button type="submit" className={className} disabled={pending} data-testid={testId}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/** aria attributes that tie a field to its error message. */
export function invalid(state: Result, name: string) {
  const has = !!state && !state.ok && !!state.fieldErrors?.[name];
  return has ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {};
}
