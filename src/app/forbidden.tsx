import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { refusalTitle } from "@/server/page-title";

export function generateMetadata(): Promise<Metadata> {
  return refusalTitle("forbiddenTitle");
}

export default async function Forbidden() {
  const t = await getTranslations();
  return (
    <main className="centered" id="content" tabIndex={-1}>
      <div className="card narrow" data-testid="forbidden">
        <h1>{t("common.forbiddenTitle")}</h1>
        <p>{t("errors.forbiddenPage")}</p>
        <Link href="/" className="button">
          {t("common.backHome")}
        </Link>
      </div>
    </main>
  );
}
