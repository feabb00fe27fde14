import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { refusalTitle } from "@/server/page-title";

export function generateMetadata(): Promise<Metadata> {
  return refusalTitle("notFoundTitle");
}

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="centered" id="content" tabIndex={-1}>
      <div className="card narrow" data-testid="not-found">
        <h1>{t("common.notFoundTitle")}</h1>
        <p>{t("errors.notFound")}</p>
        <Link href="/" className="button">
          {t("common.backHome")}
        </Link>
      </div>
    </main>
  );
}
