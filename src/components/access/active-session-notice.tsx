import { Link } from "@/components/ui/link";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { currentSessionOf } from "@/server/access/sessions";
import { supportSessionCookie } from "@/server/access/session-cookie";
import type { Operator } from "@/server/viewer";

/** In the console, an operator still inside a back office is told so, with the way back. */
export async function ActiveSessionNotice({ operator }: { operator: Operator }) {
  const session = await currentSessionOf(operator, (await cookies()).get(supportSessionCookie())?.value);
  if (!session) return null;
  const t = await getTranslations("console.sessions");
  return (
    <div className="notice warning" data-testid="active-session-notice">
      {t("stillInside", { shop: session.shopName })}{" "}
      <Link href={`/shop/${session.organizationId}`}>{t("returnToShop")}</Link>
    </div>
  );
}
