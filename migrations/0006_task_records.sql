CREATE TABLE `task_records` (
	`client_id` text NOT NULL,
	`task_id` text NOT NULL,
	`task` text NOT NULL,
	`events` text NOT NULL,
	`finished_at` text NOT NULL,
	PRIMARY KEY(`client_id`, `task_id`)
);
--> statement-breakpoint
CREATE INDEX `task_records_finished` ON `task_records` (`finished_at`);