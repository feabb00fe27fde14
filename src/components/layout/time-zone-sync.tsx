"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { timeZoneCookie } from "@/i18n/config";

/** Tells the server the browser's time zone once, so dates are shown in the viewer's zone. */
export function TimeZoneSync() {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const current = document.cookie
      .split("; ")
      .find((c) => c.startsWith(`${timeZoneCookie}=`))
      ?.split("=")[1];
    if (zone && decodeURIComponent(current ?? "") !== zone) {
      document.cookie = `${timeZoneCookie}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
      router.refresh();
    }
  }, [router]);
  return null;
}
