CREATE TABLE `receipts` (
	`key` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`journal_seq` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
