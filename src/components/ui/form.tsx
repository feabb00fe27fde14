"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { useActionPending } from "./action-form";

type Result =
  { ok: true; message?: string } | { ok: false; error: string; fieldErrors?: Record<string, string> } | null;

/**
 * The id of a field's error message. A form can be on a page more than once (a row's question, a
 * request's decision): Field passes a `scope` of its own (`useId()`), so that each field is
 * described by its own message.
 */
function errorId(name: string, scope?: string): string {
  return scope ? `${scope}-${name}-error` : `${name}-error`;
}

/** The id of a field's hint, as errorId. */
export function hintId(name: string, scope?: string): string {
  return scope ? `${scope}-${name}-hint` : `${name}-hint`;
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

/**
 * aria attributes that tie a field to what describes it: its hint (`hint`, as Field shows it) and
 * its error message (`scope` as for FieldError), which also marks it invalid.
 */
export function invalid(
  state: Result,
  name: string,
  scope?: string,
  hint = false,
): { "aria-invalid"?: true; "aria-describedby"?: string } {
  const has = !!state && !state.ok && !!state.fieldErrors?.[name];
  const ids = [hint ? hintId(name, scope) : "", has ? errorId(name, scope) : ""].filter(Boolean).join(" ");
  return { ...(has ? { "aria-invalid": true } : {}), ...(ids ? { "aria-describedby": ids } : {}) };
}

/**
 * A group of choices (a fieldset of radio buttons) described by its hint (`hint`, drawn with
 * FieldHint) and its error message, as invalid() describes a single control: a screen reader
 * entering the group hears why it was refused, not only its legend.
 */
export function describedGroup(state: Result, name: string, scope?: string, hint = false) {
  const { "aria-describedby": ids } = invalid(state, name, scope, hint);
  return ids ? { "aria-describedby": ids } : {};
}

/**
 * A hint under its field (Field) or group of choices, with the id invalid() and describedGroup
 * name. A div: a hint may be a list (the member invitation's roles).
 */
export function FieldHint({ name, scope, children }: { name: string; scope?: string; children: ReactNode }) {
  return (
    <div className="muted field-hint" id={hintId(name, scope)}>
      {children}
    </div>
  );
}

/** What a Field hands its control: the id its label points at, the name it submits, and invalid()'s aria. */
type FieldControl = { id: string; name: string } & ReturnType<typeof invalid>;

/**
 * A label, its control, the control's hint and its error. The label holds its text alone, so that
 * the control's accessible name is that text; the hint and the error describe the control
 * (aria-describedby). Inside the label they would join its name, which would then change when an
 * error shows, and a screen reader would read the error twice. The ids are the field's own
 * (useId): a form can be on a page more than once (a row's form, an operator's edit form).
 */
export function Field({
  label,
  name,
  state,
  hint,
  children,
}: {
  label: ReactNode;
  name: string;
  state: Result;
  hint?: ReactNode;
  children: (control: FieldControl) => ReactNode;
}) {
  const scope = useId();
  const control = { id: `${scope}-${name}`, name, ...invalid(state, name, scope, !!hint) };
  return (
    <div className="field">
      <label htmlFor={control.id}>{label}</label>
      {children(control)}
      {hint && (
        <FieldHint name={name} scope={scope}>
          {hint}
        </FieldHint>
      )}
      <FieldError state={state} name={name} scope={scope} />
    </div>
  );
}
