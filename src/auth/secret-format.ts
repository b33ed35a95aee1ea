/**
 * Stored client secrets: plain (the seed's format), `sha256:<hex>`, or
 * `pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>`. Parsing and hashing only (also used by
 * `npm run clients:hash` in Node); the comparison lives in secrets.ts.
 */
const encoder = new TextEncoder();

// Workers' Web Crypto refuses PBKDF2 above 100,000 iterations (platform limit).
export const MAX_PBKDF2_ITERATIONS = 100_000;

export type StoredSecret =
  | { kind: "plain"; value: string }
  | { kind: "sha256"; digest: Uint8Array<ArrayBuffer> }
  | { kind: "pbkdf2"; iterations: number; salt: Uint8Array<ArrayBuffer>; hash: Uint8Array<ArrayBuffer> };

/** Parses a stored secret; a malformed hash is a configuration error (thrown, named, not logged). */
export function parseStoredSecret(stored: string): StoredSecret {
  if (stored.startsWith("sha256:")) {
    const hex = stored.slice("sha256:".length);
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error("sha256 secret must be 64 hex digits");
    return { kind: "sha256", digest: hexToBytes(hex) };
  }
  if (stored.startsWith("pbkdf2-sha256:")) {
    const [, iter, salt, hash] = stored.split(":");
    const iterations = Number(iter);
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS || !salt || !hash) {
      throw new Error(`pbkdf2 secret must be pbkdf2-sha256:<1..${MAX_PBKDF2_ITERATIONS}>:<salt b64>:<hash b64>`);
    }
    return { kind: "pbkdf2", iterations, salt: base64ToBytes(salt), hash: base64ToBytes(hash) };
  }
  return { kind: "plain", value: stored };
}

export async function sha256(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>));
}

export async function pbkdf2(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  bytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, bytes * 8);
  return new Uint8Array(bits);
}

/** Produces a stored form for a secret (used by `npm run clients:hash`). */
export async function hashSecret(secret: string, kind: "sha256" | "pbkdf2" = "pbkdf2"): Promise<string> {
  if (kind === "sha256") return `sha256:${bytesToHex(await sha256(encoder.encode(secret)))}`;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await pbkdf2(secret, salt, MAX_PBKDF2_ITERATIONS, 32);
  return `pbkdf2-sha256:${MAX_PBKDF2_ITERATIONS}:${bytesToBase64(salt)}:${bytesToBase64(hash)}`;
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesToHex(bytes: Uint8Array<ArrayBuffer>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) as Uint8Array<ArrayBuffer>;
}

function bytesToBase64(bytes: Uint8Array<ArrayBuffer>): string {
  return btoa(String.fromCharCode(...bytes));
}
