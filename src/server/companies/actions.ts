"use server";
import { z } from "zod";
import { messageKey } from "@/i18n/keys";
import { consoleAction } from "@/server/action";
import { actorOf } from "@/server/audit/record";
import { COMPANY_KINDS } from "@/lib/operators";
import { createCompany } from "./companies";
import { menuName } from "@/lib/text";

export const createCompanyAction = consoleAction(
  {
    schema: z.object({
      name: menuName({ min: 1, max: 200, tooLong: "operators.companies.errors.nameTooLong" }),
      kind: z.enum(COMPANY_KINDS, messageKey("operators.companies.errors.kind")),
    }),
    permission: "companies.manage",
    revalidate: "/console/settings",
  },
  async (input, { operator }) => createCompany(actorOf(operator), input),
);
