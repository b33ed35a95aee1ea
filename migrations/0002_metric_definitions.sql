CREATE TABLE `metric_definitions` (
	`namespace` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`definition` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`namespace`, `kind`, `name`)
);
