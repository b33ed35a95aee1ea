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

/**
 * A sync run the Worker answered itself (issue 18), kept whole: the task and its events as the
 * TaskRoom would have them, as JSON. Written with the task's index entry in one batch after the
 * answer; its TaskRoom is created from this row only when someone first asks for the task (status,
 * events, cancel, the same task_id again), then the row is dropped. Rows past the task retention are
 * swept with each new write.
 */
export const taskRecords = sqliteTable(
  "task_records",
  {
    clientId: text("client_id").notNull(),
    taskId: text("task_id").notNull(),
    /** The task (tasks/task-store.ts TaskRecord) as JSON. */
    task: text("task").notNull(),
    /** Its numbered events (PendingEvent[]) as JSON. */
    events: text("events").notNull(),
    finishedAt: text("finished_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.taskId] }), index("task_records_finished").on(t.finishedAt)],
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

/**
 * Conversations (issue 16): a thread of questions where each follow-up is read in the context of the
 * earlier turns. One owner: the client and, when one was given, the end user (X-End-User); another
 * owner never sees it (a 404). Kept like tasks: TASK_RETENTION_HOURS after the last turn.
 */
export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    clientId: text("client_id").notNull(),
    /** The end user's `sub`; null when the client asked for itself. */
    endUser: text("end_user"),
    namespace: text("namespace").notNull(),
    /** The first question, as a title for lists. */
    title: text("title").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("conversations_client_updated").on(t.clientId, t.updatedAt)],
);

/**
 * One turn = one task. `standalone` is how the question was read with the earlier turns ("revenue by
 * month in 2023" for "only 2023"); `summary` a short description of the rows, for the next prompt;
 * `clarification` the JSON of the question the turn asked back, when it did.
 */
export const conversationTurns = sqliteTable(
  "conversation_turns",
  {
    conversationId: text("conversation_id").notNull(),
    turn: integer("turn").notNull(),
    taskId: text("task_id").notNull(),
    question: text("question").notNull(),
    standalone: text("standalone"),
    status: text("status").notNull(),
    sql: text("sql"),
    summary: text("summary"),
    clarification: text("clarification"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.turn] }),
    uniqueIndex("conversation_turns_task").on(t.conversationId, t.taskId),
  ],
);
