import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";

/** What a used, withdrawn or expired link shows: no form, and where to get a new link. */
export async function LinkNoLongerWorks() {
  const t = await getTranslations("account");
  return (
    <AuthCard title={t("linkInvalid.title")}>
      <p data-testid="link-invalid">{t("linkInvalid.body")}</p>
      <p>
        <Link href="/sign-in">{t("forgot.backToSignIn")}</Link>
      </p>
    </AuthCard>
  );
}
