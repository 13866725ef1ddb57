CREATE TABLE `case_keys` (
	`case_id` text PRIMARY KEY NOT NULL,
	`key` text,
	`created_at` text NOT NULL,
	`shredded_at` text
);
--> statement-breakpoint
CREATE TABLE `checkpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`size` integer NOT NULL,
	`root` text NOT NULL,
	`frontier` text NOT NULL,
	`note` text NOT NULL,
	`taken_at` text NOT NULL,
	`timestamp_token` text,
	`timestamp_time` text,
	`timestamp_authority` text
);
--> statement-breakpoint
CREATE TABLE `log_leaves` (
	`idx` integer PRIMARY KEY NOT NULL,
	`journal_id` integer NOT NULL,
	`case_id` text NOT NULL,
	`seq` integer NOT NULL,
	`leaf_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `log_leaves_journal` ON `log_leaves` (`journal_id`);--> statement-breakpoint
-- The log and its checkpoints are append-only, like the journal.
CREATE TRIGGER `log_leaves_no_update` BEFORE UPDATE ON `log_leaves`
BEGIN
  SELECT RAISE(ABORT, 'log_leaves : le registre est en ajout seul, modification refusée');
END;
--> statement-breakpoint
CREATE TRIGGER `log_leaves_no_delete` BEFORE DELETE ON `log_leaves`
BEGIN
  SELECT RAISE(ABORT, 'log_leaves : le registre est en ajout seul, suppression refusée');
END;
--> statement-breakpoint
CREATE TRIGGER `checkpoints_no_update` BEFORE UPDATE ON `checkpoints`
BEGIN
  SELECT RAISE(ABORT, 'checkpoints : les points de contrôle sont en ajout seul, modification refusée');
END;
--> statement-breakpoint
CREATE TRIGGER `checkpoints_no_delete` BEFORE DELETE ON `checkpoints`
BEGIN
  SELECT RAISE(ABORT, 'checkpoints : les points de contrôle sont en ajout seul, suppression refusée');
END;
