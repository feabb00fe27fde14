"use server";
import { z } from "zod";
import { consoleAction } from "@/server/action";
import { actorOf } from "@/server/audit/record";
import { COMPANY_KINDS } from "@/lib/operators";
import { createCompany } from "./companies";

export const createCompanyAction = consoleAction(
  {
    schema: z.object({
      name: z.string().trim().min(1, "errors.required").max(200, "operators.companies.errors.nameTooLong"),
      kind: z.enum(COMPANY_KINDS, "operators.companies.errors.kind"),
    }),
    permission: "companies.manage",
    revalidate: "/console/settings",
  },
  async (input, { operator }) => createCompany(actorOf(operator), input),
);
