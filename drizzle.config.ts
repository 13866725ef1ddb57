/** drizzle-kit: generates the store's SQL migrations from runtime/store/schema.ts (`npx drizzle-kit generate`). */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: ['./runtime/store/schema.ts', './runtime/store/identity-schema.ts'],
  out: './runtime/db/migrations',
  strict: true,
  verbose: true,
});
