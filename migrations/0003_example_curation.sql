CREATE TABLE `example_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`namespace` text NOT NULL,
	`question` text NOT NULL,
	`sql` text NOT NULL,
	`source_task_id` text NOT NULL,
	`client_id` text NOT NULL,
	`status` text NOT NULL,
	`reviewed_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `example_proposals_source` ON `example_proposals` (`client_id`,`source_task_id`);--> statement-breakpoint
CREATE INDEX `example_proposals_review` ON `example_proposals` (`namespace`,`status`,`id`);--> statement-breakpoint
ALTER TABLE `verified_examples` ADD `verified_by` text;