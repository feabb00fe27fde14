import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDateFormat } from "@/i18n/dates";
import { textOr } from "@/i18n/keys";
import { AddAddOnForm, RemoveAddOnForm } from "@/components/shop/add-on-forms";
import { shopServices } from "@/server/add-ons/add-ons";
import { canInShop, requireShopPage } from "@/server/access/shop-access";
import { shopTitle } from "@/server/page-title";
import { AreaMessages } from "@/components/layout/area-messages";
import { TableScroll } from "@/components/ui/table-scroll";

type Props = { params: Promise<{ shopId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const nav = await getTranslations("nav.shop");
  return shopTitle((await params).shopId, [nav("services")]);
}

export default async function ServicesPage({ params }: Props) {
  const { shopId } = await params;
  const access = await requireShopPage(shopId, "services");
  const t = await getTranslations("shop.services");
  const tc = await getTranslations("console.clientServices");
  const date = await getDateFormat();
  const { services, products } = await shopServices(access.organization.id);
  const canManage = canInShop(access, "addons.manage");
  return (
    <AreaMessages area="addOns">
      <section>
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        {!canManage && (
          <p className="notice" data-testid="add-ons-readonly">
            {access.session ? t("readOnlyInSession") : t("readOnly")}
          </p>
        )}
        {services.length === 0 ? (
          <p className="muted">{t("none")}</p>
        ) : (
          <TableScroll label={t("title")}>
            <table className="table" data-testid="shop-services">
              <thead>
                <tr>
                  <th>{t("service")}</th>
                  <th>{tc("status")}</th>
                  <th>{tc("created")}</th>
                  <th>{t("addOns")}</th>
                </tr>
              </thead>
              <tbody>
                {services.map((s) => {
                  const used = new Set(s.addOns.map((a) => a.productCode));
                  return (
                    <tr key={s.id} data-testid="shop-service">
                      <td>{s.alias}</td>
                      <td>
                        <span className={`badge status-${s.status.toLowerCase()}`} data-testid="shop-service-status">
                          {tc(`statuses.${s.status}`)}
                        </span>
                      </td>
                      <td>{date(s.createdAt, { dateStyle: "medium" })}</td>
                      <td>
                        <ul className="add-ons">
                          {s.addOns.map((a) => (
                            <li key={a.id} data-testid="add-on">
                              {textOr(t, `products.${a.productCode}`, a.productCode)}
                              {canManage && s.status !== "CANCELLED" && (
                                <RemoveAddOnForm shopId={shopId} addOnId={a.id} />
                              )}
                            </li>
                          ))}
                        </ul>
                        {canManage && s.status === "ACTIVE" && (
                          <AddAddOnForm
                            shopId={shopId}
                            serviceId={s.id}
                            products={products.filter((p) => !used.has(p))}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </AreaMessages>
  );
}
