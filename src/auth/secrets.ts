/**
 * Client secret verification. Every comparison runs in constant time over equal-length digests,
 * and an unknown client costs the same work as a known one, so timing tells an attacker neither
 * the secret nor whether a client id exists.
 */
import { pbkdf2, type StoredSecret, sha256 } from "./secret-format";

const encoder = new TextEncoder();

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return crypto.subtle.timingSafeEqual(a, b);
}

// Used for unknown clients so they take as long as a known client with a plain secret.
const DECOY: StoredSecret = { kind: "plain", value: "decoy-secret-that-never-matches-anything" };
const DECOY_SALT = new TextEncoder().encode("datus-edge-decoy-salt") as Uint8Array<ArrayBuffer>;

/**
 * True when `presented` matches `stored`; `stored` undefined (unknown client) is always false.
 *
 * `pbkdf2Iterations` is the most PBKDF2 work any configured client's secret costs: every check is
 * padded to it with decoy iterations, so an unknown id, a plain or sha256 secret and a PBKDF2 one
 * all take the time of the costliest check (PBKDF2 is the only step whose time is visible).
 */
export async function verifyClientSecret(
  presented: string,
  stored: StoredSecret | undefined,
  pbkdf2Iterations = 0,
): Promise<boolean> {
  const target = stored ?? DECOY;
  const done = target.kind === "pbkdf2" ? target.iterations : 0;
  if (pbkdf2Iterations > done) await pbkdf2(presented, DECOY_SALT, pbkdf2Iterations - done, 32);
  const presentedBytes = encoder.encode(presented);
  let ok: boolean;
  switch (target.kind) {
    case "plain":
      // Hashing both sides gives equal-length inputs, so the comparison leaks no length either.
      ok = timingSafeEqual(await sha256(presentedBytes), await sha256(encoder.encode(target.value)));
      break;
    case "sha256":
      ok = timingSafeEqual(await sha256(presentedBytes), target.digest);
      break;
    case "pbkdf2":
      ok = timingSafeEqual(
        await pbkdf2(presented, target.salt, target.iterations, target.hash.byteLength),
        target.hash,
      );
      break;
  }
  return ok && stored !== undefined;
}
