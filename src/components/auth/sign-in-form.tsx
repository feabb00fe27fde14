"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";

// the error codes authorize() throws (src/server/auth.ts), as next-auth passes them on
const THROTTLED = "throttled";
const WAIT = "wait";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    if (result?.ok && !result.error) {
      // "/" sends each viewer to their home; refresh so every server component reads the new session
      router.replace(callbackUrl ?? "/");
      router.refresh();
      return;
    }
    setPending(false);
    setError(t(result?.error === THROTTLED ? "throttled" : result?.error === WAIT ? "wait" : "invalid"));
  }

  return (
    <form onSubmit={submit} className="form" noValidate>
      <label className="field">
        <span>{t("email")}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        <span>{t("password")}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && <p className="form-error" role="status" data-testid="sign-in-error">{error}</p>}
      <button type="submit" className="button primary" disabled={pending}>{pending ? t("signingIn") : t("submit")}</button>
    </form>
  );
}
