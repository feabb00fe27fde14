import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { pageTitle } from "@/server/page-title";
import { requireViewer } from "@/server/viewer";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return pageTitle(t("noShopTitle"));
}

export default async function NoShopPage() {
  await requireViewer();
  const t = await getTranslations();
  return (
    <main className="centered" id="content" tabIndex={-1}>
      <div className="card narrow">
        <h1>{t("common.noShopTitle")}</h1>
        <p>{t("common.noShop")}</p>
        <SignOutButton label={t("auth.signOut")} />
      </div>
    </main>
  );
}
