import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/account/account-forms";
import { AuthCard } from "@/components/layout/auth-card";
import { pageTitle } from "@/server/page-title";
import { requireViewer } from "@/server/viewer";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return pageTitle(t("account.title"));
}

export default async function AccountPage() {
  const viewer = await requireViewer();
  const t = await getTranslations("account");
  return (
    <AuthCard title={t("title")}>
      <dl className="facts">
        <dt>{t("name")}</dt>
        <dd>{viewer.name}</dd>
        <dt>{t("email")}</dt>
        <dd>{viewer.email}</dd>
      </dl>
      <h2>{t("passwordTitle")}</h2>
      <ChangePasswordForm />
      <p>
        <Link href="/">{t("back")}</Link>
      </p>
    </AuthCard>
  );
}
