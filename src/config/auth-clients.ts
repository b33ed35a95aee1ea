import { z } from "zod";
import { yamlConfigLoader } from "./yaml-config";

/**
 * The seed's `auth_clients.yml`, extended compatibly:
 * - a client's value is its secret: plain text, `sha256:<hex>` or
 *   `pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>` (see auth/secrets.ts);
 * - `jwt.previous_secret_keys` keeps old signing keys valid for verification during a rotation;
 * - a client's value may instead be `{secret, namespaces?, roles?, end_user_key?, rate_limit?, max_concurrent_tasks?}`:
 *   the same secret plus what the client may touch (see auth/grants.ts: `namespaces` absent means
 *   every namespace, `roles` absent means `[analyst]`, which is what the seed's plain form gets) and
 *   its own limits (defaults come from the RATE_LIMIT_* vars, see src/limits); `end_user_key` (32+
 *   characters) lets it vouch for its end users with `X-End-User` tokens (auth/end-user.ts).
 */
export const JwtAlgorithm = z.enum(["HS256", "HS384", "HS512"]);
export type JwtAlgorithm = z.infer<typeof JwtAlgorithm>;

// RFC 7518 §3.2: an HMAC key must be at least as long as the hash output: 32 bytes for HS256, 48
// for HS384, 64 for HS512. Counted in UTF-8 bytes, which is what the key is signed with.
const MIN_SECRET_KEY_LENGTH = 32;
export const MIN_KEY_BYTES: Record<JwtAlgorithm, number> = { HS256: 32, HS384: 48, HS512: 64 };

const SecretKey = z
  .string()
  .min(MIN_SECRET_KEY_LENGTH, `must be at least ${MIN_SECRET_KEY_LENGTH} characters (RFC 7518 §3.2)`);

/** Roles, from least to most trusted; see auth/grants.ts for what each may do. */
export const Role = z.enum(["analyst", "curator", "admin"]);
export type Role = z.infer<typeof Role>;

const NamespaceGrant = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "a namespace name (letters, digits, '_', '.', '-')");

const ClientSecret = z.union([z.string().min(1, "a client secret cannot be empty"), z.number().transform(String)]);
const Limit = z.int().min(1, "must be a whole number of at least 1");

/** A client's own limits; anything left out falls back to the service-wide default. */
export const ClientLimits = z.strictObject({
  rate_limit: z
    .strictObject({
      runs_per_minute: Limit.optional(),
      /** Runs allowed at once before the per-minute rate applies; defaults to min(default burst, runs_per_minute). */
      runs_burst: Limit.optional(),
      tokens_per_minute: Limit.optional(),
    })
    .optional(),
  max_concurrent_tasks: Limit.optional(),
});
export type ClientLimits = z.infer<typeof ClientLimits>;

// The seed's plain `id: secret` is normalised to the extended form first, so errors in the extended
// form name the bad key (`clients.x.rate_limit.runs_per_minute`) instead of "no union member matched".
const ClientEntry = z.preprocess(
  (value) => (typeof value === "string" || typeof value === "number" ? { secret: value } : value),
  ClientLimits.extend({
    secret: ClientSecret,
    /** Only these namespaces; absent: every namespace (the seed's behaviour). */
    namespaces: z
      .array(NamespaceGrant)
      .min(1, "list at least one namespace, or leave `namespaces` out for all of them")
      .optional(),
    /** Absent: `[analyst]`. */
    roles: z.array(Role).min(1, "list at least one role, or leave `roles` out for analyst").optional(),
    /** The HS256 key the client signs its end users' `X-End-User` tokens with (auth/end-user.ts). */
    end_user_key: SecretKey.optional(),
  }),
);

export const AuthClientsConfig = z.strictObject({
  clients: z
    .record(z.string().regex(/^[\x21-\x7e]{1,128}$/, "client ids are 1-128 visible ASCII characters"), ClientEntry)
    .refine((clients) => Object.keys(clients).length > 0, "at least one client is required"),
  jwt: z
    .strictObject({
      secret_key: SecretKey,
      algorithm: JwtAlgorithm.default("HS256"),
      expiration_hours: z
        .number()
        .positive()
        .max(24 * 30)
        .default(2),
      previous_secret_keys: z.array(SecretKey).default([]),
      issuer: z.string().min(1).optional(),
      audience: z.string().min(1).optional(),
    })
    .superRefine((jwt, ctx) => {
      const min = MIN_KEY_BYTES[jwt.algorithm];
      const keys: [string, string][] = [
        ["secret_key", jwt.secret_key],
        ...jwt.previous_secret_keys.map((k, i): [string, string] => [`previous_secret_keys.${i}`, k]),
      ];
      for (const [path, key] of keys) {
        if (new TextEncoder().encode(key).length < min) {
          ctx.addIssue({
            code: "custom",
            path: path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            message: `must be at least ${min} bytes for ${jwt.algorithm} (RFC 7518 §3.2)`,
          });
        }
      }
    }),
});
export type AuthClientsConfig = z.infer<typeof AuthClientsConfig>;

export const loadAuthClients = yamlConfigLoader("AUTH_CLIENTS (auth_clients.yml)", AuthClientsConfig);
