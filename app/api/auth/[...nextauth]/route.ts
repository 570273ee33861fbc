import nextAuth from "next-auth";
import { defaultExport } from "@/lib/auth/default-export";
import { getAuthOptions } from "@/lib/auth/options";

const NextAuth = defaultExport(nextAuth);

// Options are built per request so nothing reads the environment at import (next build imports this file).
function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(req, context);
}

export { handler as GET, handler as POST };
