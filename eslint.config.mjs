// npm run lint: ESLint (Next's rules with typescript-eslint and react-hooks) plus the import
// boundaries in .dependency-cruiser.cjs. Both run in CI through npm test.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/db/generated/**", "node_modules/**", "reports/**", "e2e/artifacts/**", "test-results/**", ".cache/**", ".data/**", "next-env.d.ts", ".dependency-cruiser.cjs"]),
  {
    // Tests, the sandbox and scripts are not React: their use* helpers are Vitest fixtures, not hooks.
    files: ["e2e/**", "test/**", "sandbox/**", "scripts/**", "**/*.test.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The sandbox handles Kubernetes objects as untyped JSON, as kubectl's unstructured client does;
    // e2e and test helpers read JSON answers of any shape.
    files: ["sandbox/**", "e2e/**", "test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    rules: {
      // Unused names are mistakes; a leading underscore marks one kept on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
]);
