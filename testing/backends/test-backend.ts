/** Which backend the evaluator's sandbox tests run on: `HELDOUT_TEST_BACKEND` (tensorflow | wasm | cpu; default cpu). */
import { z } from "zod";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";

export const testBackendSchema = z.enum(["tensorflow", "wasm", "cpu"]);
export type TestBackend = { backend: z.infer<typeof testBackendSchema>; tfjsNodePath?: string };

/**
 * The backend named by `env.HELDOUT_TEST_BACKEND`, with the built native package for `tensorflow`. Asking for
 * `tensorflow` without a built package is an error, not a silent fallback: a test run meant for the native backend
 * must not pass on another one.
 */
export function testBackend(env: Record<string, string | undefined> = process.env): TestBackend {
  const raw = env.HELDOUT_TEST_BACKEND ?? "cpu";
  const parsed = testBackendSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`HELDOUT_TEST_BACKEND must be tensorflow, wasm or cpu, not "${raw}"`);
  if (parsed.data !== "tensorflow") return { backend: parsed.data };
  const native = findNativeTfjs();
  if (!native)
    throw new Error(
      "HELDOUT_TEST_BACKEND=tensorflow but no native TensorFlow package is built (run scripts/setup-native.sh)",
    );
  return { backend: "tensorflow", tfjsNodePath: native.path };
}
