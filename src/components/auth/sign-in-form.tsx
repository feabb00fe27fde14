"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { SIGN_IN_ERROR, signInErrorKey } from "@/lib/sign-in-errors";

/** throttleMinutes: how long an address that guessed too often waits (auth/throttle.ts) */
export function SignInForm({ callbackUrl, throttleMinutes }: { callbackUrl?: string; throttleMinutes: number }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<{ text: string; fields: boolean } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    // a failure of the request itself (no answer, or not next-auth's) is the service's, not the person's
    const result = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    }).catch(() => ({ ok: false, error: SIGN_IN_ERROR.failed }));
    if (result?.ok && !result.error) {
      // "/" sends each viewer to their home; refresh so every server component reads the new session
      router.replace(callbackUrl ?? "/");
      router.refresh();
      return;
    }
    setPending(false);
    const key = signInErrorKey(result?.error);
    // a wrong email or password concerns both fields; a wait or an outage concerns neither
    setError({ text: t(key, { minutes: throttleMinutes }), fields: key === "auth.invalid" });
  }
  const fieldState = error?.fields ? ({ "aria-invalid": true, "aria-describedby": "sign-in-error" } as const) : {};

  return (
    <form onSubmit={submit} className="form" noValidate>
      <label className="field">
        <span>{t("auth.email")}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus {...fieldState} />
      </label>
      <label className="field">
        <span>{t("auth.password")}</span>
        <input name="password" type="password" autoComplete="current-password" required {...fieldState} />
      </label>
      {/* the region is there before its text, so that screen readers announce the text */}
      <div role="status" aria-live="polite">
        {error && (
          <p className="form-error" id="sign-in-error" data-testid="sign-in-error">
            {error.text}
          </p>
        )}
      </div>
      {/* aria-disabled, not disabled: a disabled button loses the focus to the page */}
      <button type="submit" className="button primary" aria-disabled={pending || undefined}>
        {pending ? t("auth.signingIn") : t("auth.submit")}
      </button>
    </form>
  );
}
