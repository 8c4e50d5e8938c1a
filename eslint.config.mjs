// npm run lint: ESLint (Next's rules with typescript-eslint and react-hooks) plus the import
// boundaries in .dependency-cruiser.cjs. Both run in CI through npm test.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/db/generated/**", "node_modules/**", "reports/**", "e2e/artifacts/**", "test-results/**", ".cache/**", ".data/**", "next-env.d.ts"]),
  {
    rules: {
      // Unused names are mistakes; a leading underscore marks one kept on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
]);
