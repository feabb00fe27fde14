import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/server/preferences/actions";
import { locales } from "@/i18n/config";

/** Two buttons, one per language; the current one is marked. Works without JavaScript. */
export async function LanguageSwitcher() {
  const locale = await getLocale();
  const t = await getTranslations("common");
  return (
    <form action={setLocaleAction} className="language-switcher" aria-label={t("language")}>
      {locales.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          aria-pressed={l === locale}
          className="link-button"
          lang={l}
        >
          {t(`languages.${l}`)}
        </button>
      ))}
    </form>
  );
}
