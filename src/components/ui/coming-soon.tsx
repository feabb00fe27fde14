import { getTranslations } from "next-intl/server";

/** A page whose content a later piece of work fills; it says what will be there. */
export async function ComingSoon({ title, description }: { title: string; description: string }) {
  const t = await getTranslations("common");
  return (
    <section>
      <h1>{title}</h1>
      <div className="notice" data-testid="coming-soon">
        <p>{description}</p>
        <p className="muted">{t("comingSoon")}</p>
      </div>
    </section>
  );
}
