-- How many deadlines each case runs now (issue 17: a court's filed open cases without one are the paged
-- « sans délai » queue, index cases_idle), counted for the cases already there.
ALTER TABLE `cases` ADD `running_deadlines` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `cases` SET `running_deadlines` = (SELECT count(*) FROM `deadlines` d WHERE d.`case_id` = `cases`.`id` AND d.`status` = 'running');--> statement-breakpoint
CREATE INDEX `cases_idle` ON `cases` (`court`,`updated_at`,`id`) WHERE "cases"."closed_at" IS NULL AND "cases"."running_deadlines" = 0 AND "cases"."reference" IS NOT NULL;
