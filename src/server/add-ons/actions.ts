"use server";
import { z } from "zod";
import { shopAction } from "@/server/action";
import { addAddOn, removeAddOn } from "./add-ons";
import { singleLine } from "@/lib/text";

export const addAddOnAction = shopAction(
  {
    schema: z.object({ shopId: z.uuid(), serviceId: z.uuid(), productCode: singleLine({ min: 1, max: 50 }) }),
    permission: "addons.manage",
    revalidate: "/shop/[shopId]",
  },
  async (input, { access }) => addAddOn(access, input.serviceId, input.productCode),
);

export const removeAddOnAction = shopAction(
  {
    schema: z.object({ shopId: z.uuid(), addOnId: z.uuid() }),
    permission: "addons.manage",
    revalidate: "/shop/[shopId]",
  },
  async (input, { access }) => {
    await removeAddOn(access, input.addOnId);
    return null;
  },
);
