import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/account/account-forms";
import { LinkNoLongerWorks } from "@/components/account/link-no-longer-works";
import { AuthCard } from "@/components/layout/auth-card";
import { pageTitle } from "@/server/page-title";
import { resetLinkUsable } from "@/server/account/password";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  // the token stays out of the Referer of anything this page loads
  return { ...pageTitle(t("account.reset.title")), referrer: "no-referrer" };
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await resetLinkUsable(token))) return <LinkNoLongerWorks />;
  const t = await getTranslations("account");
  return (
    <AuthCard title={t("reset.title")}>
      <p className="muted">{t("reset.intro")}</p>
      <ResetPasswordForm token={token} />
    </AuthCard>
  );
}
