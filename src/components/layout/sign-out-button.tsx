"use client";
import { signOut } from "next-auth/react";

/** The label comes from the server: the sign-in texts go to the browser on the sign-in page alone. */
export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => signOut({ callbackUrl: "/sign-in" })}
      data-testid="sign-out"
    >
      {label}
    </button>
  );
}
