import { z } from "zod";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { nameText } from "@/lib/core/user-text";
import { signUp } from "@/lib/server/sign-up";

const signUpSchema = z.object({
  email: z.string().trim().email("enter a valid email address").max(254),
  password: z.string().max(1024),
  name: nameText({ max: 100 }).optional(),
});

/** Sign up with email and password. New accounts are participants; the password is never sent back. */
export const POST = route(async (req) => {
  const input = await readJson(req, signUpSchema);
  const user = await signUp(input);
  return Response.json({ id: user.id, email: user.email, name: user.name, role: user.role }, { status: 201 });
});
