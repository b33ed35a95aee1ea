/**
 * conversations/: follow-up and clarifying questions (issue 16). A conversation is a thread of tasks
 * of one owner (client, end user) stored in D1 (store/conversations.ts); each task that names it is
 * a turn, read with the turns before it.
 */
export { answerTo, type Clarification, type ClarificationOption, clarificationFor } from "./clarification";
export { summarizeRows } from "./summary";
export { ConversationTurnRun, openTurn, type TurnOpening } from "./turn";

/** Conversations are kept like tasks: the task retention (TASK_RETENTION_HOURS) after their last turn. */
export function conversationCutoff(retentionMs: number, now = Date.now()): string {
  return new Date(now - retentionMs).toISOString();
}

/** A new conversation's id: readable, unguessable (`conv_` and 24 random hex digits). */
export function newConversationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `conv_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
export { AnswerExplainer } from "./answer";
export { chooseChart, type VegaLiteSpec } from "./chart";
export { assumptionsOf, type Source, sourcesOf, suggestionsFor } from "./explain";
