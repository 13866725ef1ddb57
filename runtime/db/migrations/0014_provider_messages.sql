CREATE TABLE `provider_messages` (
	`connector` text NOT NULL,
	`provider_id` text NOT NULL,
	`outbox_id` integer NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`connector`, `provider_id`),
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action
);
