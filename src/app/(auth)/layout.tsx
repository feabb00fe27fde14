import type { ReactNode } from "react";
import { AreaMessages } from "@/components/layout/area-messages";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <AreaMessages area="account">{children}</AreaMessages>;
}
