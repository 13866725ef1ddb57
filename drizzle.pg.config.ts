/** drizzle-kit: the PostgreSQL migrations, from the tables derived from the one schema description (runtime/store/pg-schema.ts). */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./runtime/store/pg-schema.ts'],
  out: './runtime/db/migrations-pg',
  strict: true,
  verbose: true,
});
