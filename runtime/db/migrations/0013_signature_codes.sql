CREATE TABLE `signature_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`user_id` text NOT NULL,
	`channel` text NOT NULL,
	`destination` text NOT NULL,
	`document_sha256` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `signature_codes_case_user` ON `signature_codes` (`case_id`,`user_id`);