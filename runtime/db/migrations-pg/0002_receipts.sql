CREATE TABLE "receipts" (
	"key" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"journal_seq" bigint NOT NULL,
	"at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;