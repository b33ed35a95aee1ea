CREATE TABLE `verified_examples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`namespace` text NOT NULL,
	`question` text NOT NULL,
	`question_key` text NOT NULL,
	`sql` text NOT NULL,
	`source_task_id` text NOT NULL,
	`client_id` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `verified_examples_question` ON `verified_examples` (`namespace`,`question_key`);--> statement-breakpoint
CREATE INDEX `verified_examples_recent` ON `verified_examples` (`namespace`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `verified_examples_source` ON `verified_examples` (`client_id`,`source_task_id`);