"use client";
import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * Next.js's link, without prefetching. By default a link fetches its page as soon as it is on
 * screen, and every page here is rendered per request for its viewer: a browser showing Client
 * Services made 37 requests to the server per view (the navigation, the sort links, one per row),
 * 360 ms of the server's CPU; now it makes 1, 27 ms (`npm run bench:http`, "in Chromium"). A click
 * fetches the one page it goes to. The application takes its links from here, never from
 * next/link (eslint.config.mjs). A client component, so that a server component's link travels in
 * the page's data with its own props only, not `prefetch: false` besides: 167 bytes of the
 * administrator's Client Services page, which must stay under 60 KB.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
