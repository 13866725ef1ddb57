-- How many deadlines each case runs now (issue 17: a court's filed open cases without one are the paged
-- « sans délai » queue, index cases_idle), counted for the cases already there.
ALTER TABLE "cases" ADD COLUMN "running_deadlines" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "cases" c SET "running_deadlines" = r.n FROM (SELECT "case_id", count(*) AS n FROM "deadlines" WHERE "status" = 'running' GROUP BY "case_id") r WHERE r."case_id" = c."id";--> statement-breakpoint
CREATE INDEX "cases_idle" ON "cases" USING btree ("court","updated_at","id") WHERE "cases"."closed_at" IS NULL AND "cases"."running_deadlines" = 0 AND "cases"."reference" IS NOT NULL;
