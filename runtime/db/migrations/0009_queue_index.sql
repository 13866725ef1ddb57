DROP INDEX `deadlines_due`;--> statement-breakpoint
CREATE INDEX `deadlines_due` ON `deadlines` (`due_at`,`id`) WHERE "deadlines"."status" = 'running';