"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { useActionPending } from "./action-form";

type Result =
  { ok: true; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string> } | null;

/**
 * The id of a field's error message. A form that can be on a page more than once (a row's
 * question, a request's decision) passes a `scope` of its own (`useId()`), so that each field is
 * described by its own message.
 */
function errorId(name: string, scope?: string): string {
  return scope ? `${scope}-${name}-error` : `${name}-error`;
}

/** The message under a field, from an action's fieldErrors. */
export function FieldError({ state, name, scope }: { state: Result; name: string; scope?: string }) {
  const message = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return message ? (
    <p className="field-error" id={errorId(name, scope)} data-testid={`error-${name}`}>
      {message}
    </p>
  ) : null;
}

/**
 * The form-level outcome of an action: the error, or a success text the caller chooses. It sits
 * in a live region that is on the page before any text arrives (so screen readers announce it),
 * and each new answer moves the focus to it.
 */
export function FormMessage({ state, success, testId }: { state: Result; success?: ReactNode; testId?: string }) {
  const region = useRef<HTMLDivElement>(null);
  const shown = !!state && (!state.ok || !!success);
  useEffect(() => {
    if (state && shown) region.current?.focus();
  }, [state, shown]);
  return (
    <div ref={region} tabIndex={-1} role="status" aria-live="polite" className="form-message" data-testid={testId}>
      {state && !state.ok && (
        <p className="form-error" data-testid="form-error">
          {state.error}
        </p>
      )}
      {state?.ok && success && (
        <p className="form-success" data-testid="form-success">
          {success}
        </p>
      )}
    </div>
  );
}

/**
 * While its action runs the button says so and ignores further presses, but stays focusable
 * (aria-disabled): a disabled button would drop the keyboard user's focus to the page.
 */
export function SubmitButton({
  children,
  pendingLabel,
  className = "button primary",
  testId,
}: {
  children: ReactNode;
  pendingLabel?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const status = useFormStatus();
  const pending = useActionPending() || status.pending;
  return (
    <button
      type="submit"
      className={className}
      aria-disabled={pending || undefined}
      onClick={(event) => pending && event.preventDefault()}
      data-testid={testId}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/** aria attributes that tie a field to its error message (`scope` as for FieldError). */
export function invalid(state: Result, name: string, scope?: string) {
  const has = !!state && !state.ok && !!state.fieldErrors?.[name];
  return has ? { "aria-invalid": true, "aria-describedby": errorId(name, scope) } : {};
}
