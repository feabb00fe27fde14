"use server";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { consoleAction } from "@/server/action";
import { COMPANY_KINDS } from "@/lib/operators";
import { createCompany, renameCompany } from "./companies";
import { menuName } from "@/lib/text";
import { COMPANY_NAME_MAX } from "@/lib/name-limits";

const name = menuName({ min: 1, max: COMPANY_NAME_MAX, tooLong: "operators.companies.errors.nameTooLong" });
const kind = z.enum(COMPANY_KINDS, messageKey("operators.companies.errors.kind"));

export const createCompanyAction = consoleAction(
  {
    schema: z.object({ name, kind }),
    permission: "companies.manage",
    revalidate: "/console/settings",
  },
  async (input, { operator }) => createCompany(operator, input),
);

/** A company's new name; who works for it and what it serves stay. */
export const renameCompanyAction = consoleAction(
  {
    schema: z.object({ id: z.uuid(), kind, name }),
    permission: "companies.manage",
    revalidate: "/console",
  },
  async (input, { operator }) => renameCompany(operator, input),
);
