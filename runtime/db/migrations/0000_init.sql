CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
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
CREATE UNIQUE INDEX `cases_reference` ON `cases` (`reference`);--> statement-breakpoint
CREATE INDEX `cases_court` ON `cases` (`court`);--> statement-breakpoint
CREATE INDEX `cases_procedure` ON `cases` (`procedure_id`,`procedure_version`);--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deadlines` (
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
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deadlines_due` ON `deadlines` (`due_at`) WHERE "deadlines"."status" = 'running';--> statement-breakpoint
CREATE INDEX `deadlines_running` ON `deadlines` (`case_id`,`due_at`) WHERE "deadlines"."status" = 'running';--> statement-breakpoint
CREATE TABLE `deliveries` (
	`outbox_id` integer PRIMARY KEY NOT NULL,
	`connector` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`delivered_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`filename` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`origin` text NOT NULL,
	`uploaded_at` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_by_role` text,
	`journal_seq` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_case` ON `documents` (`case_id`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`case_id` text NOT NULL,
	`user_id` text NOT NULL,
	`data` text NOT NULL,
	`saved_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `user_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`user_id` text NOT NULL,
	`key` text NOT NULL,
	`case_id` text NOT NULL,
	`request_sha256` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `invitations` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	`created_seq` integer NOT NULL,
	`used_at` text,
	`used_by` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invitations_case` ON `invitations` (`case_id`,`role`);--> statement-breakpoint
CREATE TABLE `journal_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`event` text,
	`transition_index` integer,
	`from_state` text,
	`to_state` text,
	`actor_id` text NOT NULL,
	`actor_role` text,
	`at` text NOT NULL,
	`data` text NOT NULL,
	`data_sha256` text NOT NULL,
	`documents` text NOT NULL,
	`visible_to` text NOT NULL,
	`spec_id` text NOT NULL,
	`spec_version` text NOT NULL,
	`case_version` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journal_case_seq` ON `journal_events` (`case_id`,`seq`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text,
	`kind` text NOT NULL,
	`connector` text NOT NULL,
	`recipient_role` text,
	`recipient_user` text,
	`payload` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`available_at` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`last_error` text,
	`deadline_id` integer,
	`created_at` text NOT NULL,
	`delivered_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`available_at`) WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`role` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`on_behalf_of` text,
	`created_at` text NOT NULL,
	`joined_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `participants_case` ON `participants` (`case_id`);--> statement-breakpoint
CREATE INDEX `participants_user` ON `participants` (`user_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`roles` text NOT NULL,
	`court` text,
	`source` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `users_court` ON `users` (`court`);