CREATE TABLE `notice_reads` (
	`outbox_id` integer PRIMARY KEY NOT NULL,
	`read_at` text NOT NULL,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
