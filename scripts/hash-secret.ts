/** `npm run clients:hash -- <secret> [--sha256]`: prints the stored form of a client secret for auth_clients.yml. */
import { hashSecret } from "../src/auth/secret-format.ts";

const args = process.argv.slice(2);
const secret = args.find((a) => !a.startsWith("--"));
if (!secret) {
  console.error("usage: npm run clients:hash -- <secret> [--sha256]");
  process.exit(2);
}
console.log(await hashSecret(secret, args.includes("--sha256") ? "sha256" : "pbkdf2"));
