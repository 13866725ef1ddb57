ALTER TABLE `deadlines` ADD `lease_owner` text;--> statement-breakpoint
ALTER TABLE `deadlines` ADD `lease_until` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lease_owner` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lease_until` text;