CREATE TABLE `conversation_turns` (
	`conversation_id` text NOT NULL,
	`turn` integer NOT NULL,
	`task_id` text NOT NULL,
	`question` text NOT NULL,
	`standalone` text,
	`status` text NOT NULL,
	`sql` text,
	`summary` text,
	`clarification` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`conversation_id`, `turn`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_turns_task` ON `conversation_turns` (`conversation_id`,`task_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`end_user` text,
	`namespace` text NOT NULL,
	`title` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversations_client_updated` ON `conversations` (`client_id`,`updated_at`);