import { redirect } from "next/navigation";
import { getViewer, homePath } from "@/server/viewer";

export default async function Home() {
  const viewer = await getViewer();
  redirect(viewer ? await homePath(viewer) : "/sign-in");
}
