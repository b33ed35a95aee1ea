/**
 * Client secrets this isolate has already verified (issue 18: the secret check is the cost of a
 * token request). A repeat request with the same client id and secret skips the slow hash; a wrong
 * secret is never remembered, so every guess still pays the full, padded check (secrets.ts) and the
 * failure budgets still count it (the limiter is asked before the secret, api/routes/auth.ts).
 *
 * Nothing here can give a secret back: the memory holds HMAC-SHA256 tags under a random key made
 * once per isolate, not exportable and never stored, so a heap dump shows neither the secrets nor
 * values an attacker could test guesses against offline. One memory belongs to one client
 * configuration (an AuthService), so a changed or removed secret is forgotten with it.
 */

// Bounds the memory whatever callers send: only right secrets get in, so this is about the number
// of clients (and secret rotations) one isolate serves, not about attackers.
export const VERIFIED_SECRETS_CAPACITY = 1024;

const encoder = new TextEncoder();
let isolateKey: Promise<CryptoKey> | undefined;

/** The isolate's HMAC key, made on first use: it dies with the isolate. */
function memoryKey(): Promise<CryptoKey> {
  isolateKey ??= crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]) as Promise<CryptoKey>;
  return isolateKey;
}

/** The tag of an id and secret; the id's length first, so ("ab", "c") and ("a", "bc") differ. */
async function tagOf(clientId: string, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await memoryKey(),
    encoder.encode(`${clientId.length}:${clientId}${secret}`),
  );
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

export class VerifiedSecrets {
  // A Set keeps insertion order: the first entry is the one used least recently.
  private readonly tags = new Set<string>();

  constructor(private readonly capacity = VERIFIED_SECRETS_CAPACITY) {}

  get size(): number {
    return this.tags.size;
  }

  /** True when this id and secret were verified before in this isolate (it is then the most recently used). */
  async knows(clientId: string, secret: string): Promise<boolean> {
    return this.touch(await tagOf(clientId, secret));
  }

  /** True when the secret is right: remembered, or `verify` (the slow check) says so, and then remembered. */
  async check(clientId: string, secret: string, verify: () => Promise<boolean>): Promise<boolean> {
    const tag = await tagOf(clientId, secret);
    if (this.touch(tag)) return true;
    if (!(await verify())) return false;
    this.remember(tag);
    return true;
  }

  private touch(tag: string): boolean {
    if (!this.tags.delete(tag)) return false;
    this.tags.add(tag);
    return true;
  }

  private remember(tag: string): void {
    this.tags.add(tag);
    if (this.tags.size <= this.capacity) return;
    const oldest = this.tags.values().next().value as string;
    this.tags.delete(oldest);
  }
}
