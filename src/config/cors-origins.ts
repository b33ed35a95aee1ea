import { ConfigError } from "./yaml-config";

const ORIGIN = /^https?:\/\/[^\s/?#]+$/;

/**
 * CORS_ALLOWED_ORIGINS: "https://app.example.com,https://admin.example.com", "*", or empty (no CORS).
 * An entry that is not an origin (scheme://host[:port], no path) is a configuration error naming it.
 */
export function corsOrigins(raw: string | undefined): string[] | "*" {
  const value = (raw ?? "").trim();
  if (value === "*") return "*";
  const origins = value
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  const bad = origins.filter((o) => !ORIGIN.test(o));
  if (bad.length)
    throw new ConfigError(
      "CORS_ALLOWED_ORIGINS",
      bad.map((o) => `'${o}' is not an origin (scheme://host[:port], no path)`),
    );
  return origins;
}
