import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { AreaMessages } from "@/components/layout/area-messages";
import { AuthCard } from "@/components/layout/auth-card";
import { SIGN_IN_THROTTLE } from "@/server/auth/throttle";
import { pageTitle } from "@/server/page-title";
import { getViewer, homePath } from "@/server/viewer";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { localPath } from "@/lib/local-path";

const NOTICES = ["passwordChanged", "passwordReset", "passwordSet"] as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return pageTitle(t("auth.title"));
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = localPath(firstParam(params.callbackUrl));
  const viewer = await getViewer();
  if (viewer) redirect(callbackUrl ?? (await homePath(viewer)));
  const t = await getTranslations();
  const notice = NOTICES.find((n) => n === firstParam(params.notice));
  return (
    <AuthCard title={t("auth.title")}>
      {notice && (
        <p className="notice success" role="status" data-testid="sign-in-notice">
          {t(`account.notices.${notice}`)}
        </p>
      )}
      <p className="muted">{t("auth.intro")}</p>
      <AreaMessages area="signIn">
        <SignInForm callbackUrl={callbackUrl} throttleMinutes={SIGN_IN_THROTTLE.windowMinutes} />
      </AreaMessages>
      <p>
        <Link href="/forgot-password">{t("account.forgot.link")}</Link>
      </p>
    </AuthCard>
  );
}
