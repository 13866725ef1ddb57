-- The case's court on each deadline row (issue 17: the paged court queue reads its page through deadlines_court).
-- SQLite cannot add a NOT NULL column without a default: the table is rebuilt, each row taking its case's court.
-- No table references deadlines, so dropping the old one checks no foreign key.
CREATE TABLE `__new_deadlines` (
	`id` integer PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`deadline` text NOT NULL,
	`status` text NOT NULL,
	`duration` text NOT NULL,
	`started_at` text NOT NULL,
	`start_date` text NOT NULL,
	`due` text NOT NULL,
	`due_at` text NOT NULL,
	`explanation` text NOT NULL,
	`started_seq` integer NOT NULL,
	`ended_at` text,
	`ended_seq` integer,
	`party` text,
	`lease_owner` text,
	`lease_until` text,
	`court` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);--> statement-breakpoint
INSERT INTO `__new_deadlines` (`id`, `case_id`, `deadline`, `status`, `duration`, `started_at`, `start_date`, `due`, `due_at`, `explanation`, `started_seq`, `ended_at`, `ended_seq`, `party`, `lease_owner`, `lease_until`, `court`)
  SELECT d.`id`, d.`case_id`, d.`deadline`, d.`status`, d.`duration`, d.`started_at`, d.`start_date`, d.`due`, d.`due_at`, d.`explanation`, d.`started_seq`, d.`ended_at`, d.`ended_seq`, d.`party`, d.`lease_owner`, d.`lease_until`, c.`court`
  FROM `deadlines` d JOIN `cases` c ON c.`id` = d.`case_id`;--> statement-breakpoint
DROP TABLE `deadlines`;--> statement-breakpoint
ALTER TABLE `__new_deadlines` RENAME TO `deadlines`;--> statement-breakpoint
CREATE INDEX `deadlines_due` ON `deadlines` (`due_at`,`id`) WHERE "deadlines"."status" = 'running';--> statement-breakpoint
CREATE INDEX `deadlines_running` ON `deadlines` (`case_id`,`due_at`) WHERE "deadlines"."status" = 'running';--> statement-breakpoint
CREATE INDEX `deadlines_court` ON `deadlines` (`court`,`due_at`,`id`) WHERE "deadlines"."status" = 'running';
