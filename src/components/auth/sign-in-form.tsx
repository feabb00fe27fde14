"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { SIGN_IN_ERROR, signInErrorKey } from "@/lib/sign-in-errors";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    // a failure of the request itself (no answer, or not next-auth's) is the service's, not the person's
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false }).catch(
      () => ({ ok: false, error: SIGN_IN_ERROR.failed }),
    );
    if (result?.ok && !result.error) {
      // "/" sends each viewer to their home; refresh so every server component reads the new session
      router.replace(callbackUrl ?? "/");
      router.refresh();
      return;
    }
    setPending(false);
    setError(t(signInErrorKey(result?.error)));
  }

  return (
    <form onSubmit={submit} className="form" noValidate>
      <label className="field">
        <span>{t("auth.email")}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        <span>{t("auth.password")}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && <p className="form-error" role="status" data-testid="sign-in-error">{error}</p>}
      <button type="submit" className="button primary" disabled={pending}>{pending ? t("auth.signingIn") : t("auth.submit")}</button>
    </form>
  );
}
