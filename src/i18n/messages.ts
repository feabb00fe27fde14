// Every string a user sees, one file per area and language (messages/<locale>/<area>.json), so
// that work on one area does not touch another's file. The keys of both languages must match
// (tests/i18n.test.ts).
import deAccount from "../../messages/de/account.json";
import deMembers from "../../messages/de/members.json";
import deOperators from "../../messages/de/operators.json";
import deOrganizations from "../../messages/de/organizations.json";
import enAccount from "../../messages/en/account.json";
import enMembers from "../../messages/en/members.json";
import enOperators from "../../messages/en/operators.json";
import enOrganizations from "../../messages/en/organizations.json";
import deAdmin from "../../messages/de/admin.json";
import deAuth from "../../messages/de/auth.json";
import deCommon from "../../messages/de/common.json";
import deConsole from "../../messages/de/console.json";
import deErrors from "../../messages/de/errors.json";
import deMail from "../../messages/de/mail.json";
import deNav from "../../messages/de/nav.json";
import deShop from "../../messages/de/shop.json";
import enAdmin from "../../messages/en/admin.json";
import enAuth from "../../messages/en/auth.json";
import enCommon from "../../messages/en/common.json";
import enConsole from "../../messages/en/console.json";
import enErrors from "../../messages/en/errors.json";
import enMail from "../../messages/en/mail.json";
import enNav from "../../messages/en/nav.json";
import enShop from "../../messages/en/shop.json";

export const catalogs = {
  en: {
    account: enAccount,
    admin: enAdmin,
    auth: enAuth,
    common: enCommon,
    console: enConsole,
    errors: enErrors,
    mail: enMail,
    members: enMembers,
    nav: enNav,
    operators: enOperators,
    organizations: enOrganizations,
    shop: enShop,
  },
  de: {
    account: deAccount,
    admin: deAdmin,
    auth: deAuth,
    common: deCommon,
    console: deConsole,
    errors: deErrors,
    mail: deMail,
    members: deMembers,
    nav: deNav,
    operators: deOperators,
    organizations: deOrganizations,
    shop: deShop,
  },
} as const;
