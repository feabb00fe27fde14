import type { Locale } from "@/i18n/config";
import type { Catalog } from "@/i18n/keys";

// next-intl's typed messages: the English catalogue is the shape of every language's
// (tests/i18n.test.ts checks German has the same keys and placeholders), so a key that names no
// text fails the typecheck wherever a translator is called.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Catalog;
  }
}
