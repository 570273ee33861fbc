import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getConfig } from "@/lib/config";
import { isOrganizer } from "@/lib/http/auth";
import { getViewer } from "@/lib/server/viewer";
import { SignOutButton } from "./_components/sign-out-button";
import "./globals.css";

const description =
  "Leaderboards for meta-learning and sample-efficient RL, scored on held-out tasks with honest uncertainty.";

export function generateMetadata(): Metadata {
  // Social previews need absolute image URLs: the public URL when one is configured, else the local one.
  const siteUrl = getConfig().siteUrl ?? `http://localhost:${getConfig().port}`;
  return {
    metadataBase: new URL(siteUrl),
    title: { default: "Heldout", template: "%s · Heldout" },
    description,
    icons: {
      icon: [
        { url: "/favicon.svg", type: "image/svg+xml" },
        { url: "/favicon.ico", sizes: "48x48" },
      ],
      apple: "/apple-touch-icon.png",
    },
    openGraph: {
      type: "website",
      siteName: "Heldout",
      title: "Heldout",
      description,
      images: [{ url: "/og.png", width: 1200, height: 630 }],
    },
    twitter: { card: "summary_large_image", title: "Heldout", description, images: ["/og.png"] },
  };
}

// Every page reads the session and live data: render per request.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 text-sm">
            <Link
              href="/"
              className="flex items-center gap-2 text-base font-semibold text-slate-900 hover:text-slate-900"
            >
              <span className="inline-block h-6 w-6 rounded-md bg-brand-600 text-center text-xs leading-6 text-white">
                H
              </span>
              Heldout
            </Link>
            <Link href="/" className="text-slate-600 hover:text-slate-900">
              Benchmarks
            </Link>
            {viewer && (
              <>
                <Link href="/submit" className="text-slate-600 hover:text-slate-900" data-testid="nav-submit">
                  Submit
                </Link>
                <Link href="/submissions" className="text-slate-600 hover:text-slate-900">
                  My submissions
                </Link>
                <Link href="/teams" className="text-slate-600 hover:text-slate-900">
                  Teams
                </Link>
                {isOrganizer(viewer) && (
                  <Link href="/organize" className="text-slate-600 hover:text-slate-900">
                    Organize
                  </Link>
                )}
              </>
            )}
            <div className="ml-auto flex items-center gap-3">
              {viewer ? (
                <>
                  <Link href="/settings" className="text-slate-600 hover:text-slate-900" data-testid="nav-user">
                    {viewer.name ?? viewer.email}
                  </Link>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/signin" className="text-slate-600 hover:text-slate-900" data-testid="nav-signin">
                    Sign in
                  </Link>
                  <Link href="/signup" className="btn" data-testid="nav-signup">
                    Sign up
                  </Link>
                </>
              )}
            </div>
          </nav>
        </header>
        {viewer && !viewer.emailVerified && (
          <p className="mx-auto max-w-6xl px-4 pt-4 text-sm text-amber-800" data-testid="verify-email-banner">
            Confirm your email: open the link we sent to {viewer.email} to submit, join teams and see invite-only
            benchmarks. <Link href="/settings">Send it again</Link>
          </p>
        )}
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
        <footer className="mx-auto max-w-6xl px-4 pb-10 text-xs text-slate-500">
          Heldout — scores on held-out tasks, 95% confidence intervals, private partitions revealed on the
          organizers&apos; schedule.
        </footer>
      </body>
    </html>
  );
}
