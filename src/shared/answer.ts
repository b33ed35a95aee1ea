import { z } from "@hono/zod-openapi";

/**
 * What an answer's `metadata` carries beyond the seed contract (issue 16): the conversation it is a
 * turn of, the question it asked back, and how it read the question. Declared once here, below api/
 * (the OpenAPI document), conversations/ (which fills it) and mcp/ (which shows it).
 */

export const ClarificationOption = z.object({
  id: z
    .string()
    .openapi({ description: "What `clarification: <id>` answers with, e.g. a column `rentals.return_date`" }),
  label: z.string().openapi({ description: "What a person answers with (any case)" }),
  detail: z.string(),
});
export type ClarificationOption = z.infer<typeof ClarificationOption>;

export const Clarification = z
  .object({ question: z.string(), options: z.array(ClarificationOption) })
  .openapi("Clarification", {
    description:
      "The question a task asked back instead of guessing; answer it in the same conversation with an option's label or `clarification: <id>`",
  });
export type Clarification = z.infer<typeof Clarification>;

export const AnswerSource = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("verified_example"),
      id: z.number().int().openapi({ description: "The verified example's id (GET /namespaces/{ns}/examples)" }),
      question: z.string().openapi({ description: "Its question, as verified" }),
    }),
    z.object({
      kind: z.literal("metric"),
      id: z.string().openapi({ description: "The metric definition's name" }),
    }),
    z.object({ kind: z.literal("table"), id: z.string().openapi({ description: "A table the SQL reads" }) }),
  ])
  .openapi("AnswerSource", { description: "A definition the answer used" });
export type AnswerSource = z.infer<typeof AnswerSource>;

export const AnswerMetadata = z
  .object({
    conversation_id: z.string().optional().openapi({ description: "The conversation this task is a turn of" }),
    conversation_turn: z.number().int().optional(),
    read_as: z
      .string()
      .optional()
      .openapi({ description: "How the question was read, when that differs from how it was asked" }),
    answers_clarification: z.boolean().optional(),
    clarification: Clarification.optional(),
    assumptions: z.array(z.string()).optional().openapi({ description: "How each business word was read" }),
    sources: z.array(AnswerSource).optional(),
    suggestions: z.array(z.string()).optional().openapi({ description: "Follow-up questions the service can answer" }),
    chart: z
      .record(z.string(), z.unknown())
      .nullable()
      .optional()
      .openapi({ description: 'A Vega-Lite v5 spec over the result rows (data: {"name": "result"}), or null' }),
  })
  // Workflows add their own keys (model, tables, tokens…): the ones above are the documented ones.
  .catchall(z.unknown())
  .openapi("AnswerMetadata");
export type AnswerMetadata = z.infer<typeof AnswerMetadata>;
