import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { AcceptInvitationForm, InvitationPasswordForm } from "@/components/account/account-forms";
import { LinkNoLongerWorks } from "@/components/account/link-no-longer-works";
import { AuthCard } from "@/components/layout/auth-card";
import { pageTitle } from "@/server/page-title";
import { viewInvitation } from "@/server/invitations/accept";
import { getViewer } from "@/server/viewer";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { ...pageTitle(t("account.invitation.title")), referrer: "no-referrer" };
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await viewInvitation(token, await getViewer());
  if (!view) return <LinkNoLongerWorks />;
  const t = await getTranslations("account.invitation");
  return (
    <AuthCard title={t("title")}>
      {view.step === "set-password" && (
        <>
          <p>
            {view.shopName
              ? t("setPasswordIntroShop", { shopName: view.shopName, email: view.email })
              : t("setPasswordIntro", { email: view.email })}
          </p>
          <InvitationPasswordForm token={token} email={view.email} name={view.name} />
        </>
      )}
      {view.step === "sign-in" && (
        <>
          <p>{t("signInIntro", { shopName: view.shopName ?? "", email: view.email })}</p>
          <p>
            <Link
              className="button primary"
              href={`/sign-in?${new URLSearchParams({ callbackUrl: `/invitation/${token}` })}`}
            >
              {t("signIn")}
            </Link>
          </p>
        </>
      )}
      {view.step === "accept" && (
        <>
          <p>{t("acceptIntro", { shopName: view.shopName, email: view.email })}</p>
          <AcceptInvitationForm token={token} />
        </>
      )}
      {view.step === "other-account" && (
        <p className="notice warning" data-testid="other-account">
          {t("otherAccount", { email: view.email })}
        </p>
      )}
    </AuthCard>
  );
}
