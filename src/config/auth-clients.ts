import { z } from "zod";
import { yamlConfigLoader } from "./yaml-config";

/**
 * The seed's `auth_clients.yml`, extended compatibly:
 * - a client's value is its secret: plain text, `sha256:<hex>` or
 *   `pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>` (see auth/secrets.ts);
 * - `jwt.previous_secret_keys` keeps old signing keys valid for verification during a rotation.
 */
export const JwtAlgorithm = z.enum(["HS256", "HS384", "HS512"]);
export type JwtAlgorithm = z.infer<typeof JwtAlgorithm>;

// RFC 7518 §3.2: an HMAC key must be at least as long as the hash output (32 bytes for HS256).
const MIN_SECRET_KEY_LENGTH = 32;

const SecretKey = z
  .string()
  .min(MIN_SECRET_KEY_LENGTH, `must be at least ${MIN_SECRET_KEY_LENGTH} characters (RFC 7518 §3.2)`);

export const AuthClientsConfig = z.strictObject({
  clients: z
    .record(
      z.string().regex(/^[\x21-\x7e]{1,128}$/, "client ids are 1-128 visible ASCII characters"),
      z.union([z.string().min(1, "a client secret cannot be empty"), z.number().transform(String)]),
    )
    .refine((clients) => Object.keys(clients).length > 0, "at least one client is required"),
  jwt: z.strictObject({
    secret_key: SecretKey,
    algorithm: JwtAlgorithm.default("HS256"),
    expiration_hours: z.number().positive().max(24 * 30).default(2),
    previous_secret_keys: z.array(SecretKey).default([]),
    issuer: z.string().min(1).optional(),
    audience: z.string().min(1).optional(),
  }),
});
export type AuthClientsConfig = z.infer<typeof AuthClientsConfig>;

export const loadAuthClients = yamlConfigLoader("AUTH_CLIENTS (auth_clients.yml)", AuthClientsConfig);
