import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "./language-switcher";
import { SignOutButton } from "./sign-out-button";

/** The top bar of both faces: product, where you are, who you are, language, sign out. */
export async function AppHeader({ area, userName, roleLabel }: { area: string; userName: string; roleLabel: string }) {
  const t = await getTranslations();
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        {t("common.appName")}
      </Link>
      <span className="area">{area}</span>
      <span className="spacer" />
      <span className="who" data-testid="who">
        {userName} · {roleLabel}
      </span>
      <Link href="/account" className="link-button">
        {t("nav.account")}
      </Link>
      <LanguageSwitcher />
      <SignOutButton label={t("auth.signOut")} />
    </header>
  );
}
