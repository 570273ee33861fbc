// ESLint: the recommended JavaScript and typescript-eslint rules, without type information so that `npm test`
// runs it in well under a minute. Formatting is Prettier's business (.prettierrc.json), not ESLint's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeGlobals = Object.fromEntries(
  [
    "console",
    "process",
    "Buffer",
    "URL",
    "TextEncoder",
    "TextDecoder",
    "setTimeout",
    "clearTimeout",
    "module",
    "require",
    "__dirname",
  ].map((name) => [name, "readonly"]),
);

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".heldout/",
      ".native/",
      ".venv/",
      ".venv-bench/",
      "bench/reference/",
      "**/fixtures/**",
      "next-env.d.ts",
      "public/",
      "evaluator/runtime/dist/",
      "test-results/",
      "playwright-report/",
      ".gl/",
      ".whl/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  // TypeScript checks undefined names itself; plain .js/.mjs/.cjs files (bundle templates, baselines) run on node.
  { files: ["**/*.{js,mjs,cjs}"], languageOptions: { globals: nodeGlobals } },
  {
    rules: {
      // An underscore name is a part taken out on purpose (`const { omitted: _omitted, ...rest } = x`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  // No function over about 80 lines (pages compose small components; long procedures are split into named steps).
  // Tests are sequences of steps and checks, read top to bottom: they are left out.
  {
    files: ["**/*.{ts,tsx,mts}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "e2e/**"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
);
