import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { getViewer, homePath } from "@/server/viewer";

export default async function SignInPage() {
  const viewer = await getViewer();
  if (viewer) redirect(await homePath(viewer));
  const t = await getTranslations();
  return (
    <main className="centered">
      <div className="card narrow">
        <div className="row between">
          <p className="brand">{t("common.appName")}</p>
          <LanguageSwitcher />
        </div>
        <h1>{t("auth.title")}</h1>
        <p className="muted">{t("auth.intro")}</p>
        <SignInForm />
      </div>
    </main>
  );
}
