"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { isLocale, languageOf, localeCookie } from "@/i18n/config";
import { prisma } from "@/server/db";
import { getViewer } from "@/server/viewer";

/**
 * The language switcher: remembered in a cookie for a year, for signed-in and anonymous visitors,
 * and for a signed-in person as the language of their emails too.
 */
export async function setLocaleAction(form: unknown): Promise<void> {
  // a server action is a public endpoint: anything but the switcher's form changes nothing
  const locale = form instanceof FormData ? form.get("locale") : undefined;
  if (!isLocale(locale)) return;
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  const viewer = await getViewer();
  if (viewer) await prisma.user.update({ where: { id: viewer.id }, data: { locale: languageOf(locale) } });
  revalidatePath("/", "layout");
}
