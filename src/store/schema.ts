import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * D1 schema (drizzle). Migrations in migrations/ are generated from this file with
 * `npm run db:generate`; never edit an applied migration, add a new one.
 */

/** A small index of tasks per client: listing and feedback ownership without waking every task object. */
export const tasks = sqliteTable(
  "tasks",
  {
    clientId: text("client_id").notNull(),
    taskId: text("task_id").notNull(),
    workflow: text("workflow").notNull(),
    namespace: text("namespace").notNull(),
    question: text("question").notNull(),
    status: text("status").notNull(),
    sql: text("sql"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** The `sub` of the end user (X-End-User) the task answered for; null when none (issue 15). */
    endUser: text("end_user"),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.taskId] }), index("tasks_client_created").on(t.clientId, t.createdAt)],
);

/** Every verdict ever given; the newest per task is the current one (history is kept). */
export const feedback = sqliteTable(
  "feedback",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    clientId: text("client_id").notNull(),
    taskId: text("task_id").notNull(),
    status: text("status", { enum: ["success", "failed"] }).notNull(),
    comment: text("comment"),
    correctedSql: text("corrected_sql"),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [index("feedback_task").on(t.clientId, t.taskId, t.id)],
);

/**
 * Question/SQL pairs confirmed by feedback, shared by everyone asking in the namespace. One row per
 * (namespace, question key): verifying the same question again replaces its SQL (the newest verdict
 * wins) instead of stacking near-duplicates in every prompt. `source_task_id` + `client_id` name the
 * task whose feedback verified it, so `failed` feedback on that task can take it back;
 * `verified_by` is the curator or admin who verified it (NULL on rows from before curation: the
 * task's own client verified those).
 */
export const verifiedExamples = sqliteTable(
  "verified_examples",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    namespace: text("namespace").notNull(),
    question: text("question").notNull(),
    /** examples/questionKey(question): lowercase words, for the uniqueness above. */
    questionKey: text("question_key").notNull(),
    sql: text("sql").notNull(),
    sourceTaskId: text("source_task_id").notNull(),
    clientId: text("client_id").notNull(),
    verifiedBy: text("verified_by"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("verified_examples_question").on(t.namespace, t.questionKey),
    // Retrieval and export read a namespace's newest examples.
    index("verified_examples_recent").on(t.namespace, t.updatedAt, t.id),
    index("verified_examples_source").on(t.clientId, t.sourceTaskId),
  ],
);

/**
 * An analyst's feedback that would teach everyone (`success`, `corrected_sql`) waits here until a
 * curator or admin verifies it (POST /namespaces/{ns}/examples/proposals/{id}/verify): one client
 * must not be able to change the answers every other client gets. One row per (client, task): new
 * feedback on the task replaces its proposal; `failed` withdraws it.
 */
export const exampleProposals = sqliteTable(
  "example_proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    namespace: text("namespace").notNull(),
    question: text("question").notNull(),
    sql: text("sql").notNull(),
    sourceTaskId: text("source_task_id").notNull(),
    /** The client whose feedback proposed it (shown to that client only). */
    clientId: text("client_id").notNull(),
    status: text("status", { enum: ["pending", "verified", "withdrawn"] }).notNull(),
    reviewedBy: text("reviewed_by"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("example_proposals_source").on(t.clientId, t.sourceTaskId),
    index("example_proposals_review").on(t.namespace, t.status, t.id),
  ],
);

/**
 * Metric definitions managed through the API (`/namespaces/{ns}/metrics`), one row per semantic model
 * or metric. They override the file definitions (METRICS) name by name; a NULL `definition` hides a
 * file-defined entry (a DELETE), so the file need not change for a namespace to drop a metric.
 */
export const metricDefinitions = sqliteTable(
  "metric_definitions",
  {
    namespace: text("namespace").notNull(),
    kind: text("kind", { enum: ["semantic_model", "metric"] }).notNull(),
    name: text("name").notNull(),
    /** JSON of the validated definition; NULL when deleted. */
    definition: text("definition"),
    updatedBy: text("updated_by").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.namespace, t.kind, t.name] })],
);
