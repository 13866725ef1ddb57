-- Issue 15: a draft has no docket number until it is filed (reference nullable; the unique index allows several NULLs).
-- SQLite cannot drop a NOT NULL: the table is rebuilt, foreign keys off (SQLite's 12-step procedure). The migrator runs
-- every migration in one transaction, where foreign_keys cannot be switched: this one commits what came before, switches
-- them off, rebuilds the table in its own transaction, switches them back on and reopens one for the migrator's record.
-- Run again after a crash before that record, it rebuilds the table again, the same.
COMMIT;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
BEGIN;--> statement-breakpoint
CREATE TABLE `__new_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text,
	`procedure_id` text NOT NULL,
	`procedure_version` text NOT NULL,
	`court` text NOT NULL,
	`state` text NOT NULL,
	`version` integer NOT NULL,
	`journal_seq` integer NOT NULL,
	`last_hash` text NOT NULL,
	`facts` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
INSERT INTO `__new_cases`("id", "reference", "procedure_id", "procedure_version", "court", "state", "version", "journal_seq", "last_hash", "facts", "created_by", "created_at", "updated_at", "closed_at") SELECT "id", "reference", "procedure_id", "procedure_version", "court", "state", "version", "journal_seq", "last_hash", "facts", "created_by", "created_at", "updated_at", "closed_at" FROM `cases`;--> statement-breakpoint
DROP TABLE `cases`;--> statement-breakpoint
ALTER TABLE `__new_cases` RENAME TO `cases`;--> statement-breakpoint
CREATE UNIQUE INDEX `cases_reference` ON `cases` (`reference`);--> statement-breakpoint
CREATE INDEX `cases_court` ON `cases` (`court`);--> statement-breakpoint
CREATE INDEX `cases_procedure` ON `cases` (`procedure_id`,`procedure_version`);--> statement-breakpoint
COMMIT;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
BEGIN;