"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("auth");
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => signOut({ callbackUrl: "/sign-in" })}
      data-testid="sign-out"
    >
      {t("signOut")}
    </button>
  );
}
