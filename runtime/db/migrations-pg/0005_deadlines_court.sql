-- The case's court on each deadline row (issue 17: the paged court queue reads its page through deadlines_court),
-- filled from the cases for the rows already there.
ALTER TABLE "deadlines" ADD COLUMN "court" text;--> statement-breakpoint
UPDATE "deadlines" d SET "court" = c."court" FROM "cases" c WHERE c."id" = d."case_id";--> statement-breakpoint
ALTER TABLE "deadlines" ALTER COLUMN "court" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "deadlines_court" ON "deadlines" USING btree ("court","due_at","id") WHERE "deadlines"."status" = 'running';
