import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { requireViewer } from "@/server/viewer";

export default async function NoShopPage() {
  await requireViewer();
  const t = await getTranslations("common");
  return (
    <main className="centered" id="content" tabIndex={-1}>
      <div className="card narrow">
        <h1>{t("noShopTitle")}</h1>
        <p>{t("noShop")}</p>
        <SignOutButton />
      </div>
    </main>
  );
}
