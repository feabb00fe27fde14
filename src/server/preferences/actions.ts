"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { isLocale, localeCookie } from "@/i18n/config";

/** The language switcher: remembered in a cookie for a year, for signed-in and anonymous visitors. */
export async function setLocaleAction(form: unknown): Promise<void> {
  // a server action is a public endpoint: anything but the switcher's form changes nothing
  const locale = form instanceof FormData ? form.get("locale") : undefined;
  if (!isLocale(locale)) return;
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  revalidatePath("/", "layout");
}
