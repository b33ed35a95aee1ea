CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` text NOT NULL,
	`task_id` text NOT NULL,
	`status` text NOT NULL,
	`comment` text,
	`corrected_sql` text,
	`recorded_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `feedback_task` ON `feedback` (`client_id`,`task_id`,`id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`client_id` text NOT NULL,
	`task_id` text NOT NULL,
	`workflow` text NOT NULL,
	`namespace` text NOT NULL,
	`question` text NOT NULL,
	`status` text NOT NULL,
	`sql` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`client_id`, `task_id`)
);
--> statement-breakpoint
CREATE INDEX `tasks_client_created` ON `tasks` (`client_id`,`created_at`);