import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/account/account-forms";
import { AuthCard } from "@/components/layout/auth-card";
import { pageTitle } from "@/server/page-title";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return pageTitle(t("account.forgot.title"));
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("account");
  return (
    <AuthCard title={t("forgot.title")}>
      <p className="muted">{t("forgot.intro")}</p>
      <ForgotPasswordForm />
      <p>
        <Link href="/sign-in">{t("forgot.backToSignIn")}</Link>
      </p>
    </AuthCard>
  );
}
