"use client";
import { createContext, useContext, useTransition, type FormHTMLAttributes, type ReactNode } from "react";

const PendingContext = createContext(false);
export const useActionPending = () => useContext(PendingContext);

/**
 * A form that submits to a server action without React's automatic reset after it: what the
 * user chose or typed stays on screen next to the server's answer (a refused date, a too short
 * reason). The pressed button's name and value travel with the data, so one form can offer
 * several actions (see `intent`).
 *
 * The browser does not validate it (noValidate): its own messages are in the browser's language,
 * not the page's, and its dates in the browser's format. Each rule a field declares (required,
 * minLength, min and max, type="email") is checked by the action, whose translated message is shown
 * at the field.
 */
export function ActionForm({
  action,
  children,
  ...props
}: { action: (data: FormData) => void; children: ReactNode } & Omit<
  FormHTMLAttributes<HTMLFormElement>,
  "action" | "onSubmit"
>) {
  const [pending, startTransition] = useTransition();
  return (
    <form
      {...props}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // one answer at a time: the submit button stays focusable while it is awaited
        if (pending) return;
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => action(data));
      }}
    >
      <PendingContext.Provider value={pending}>{children}</PendingContext.Provider>
    </form>
  );
}
