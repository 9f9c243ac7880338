/**
 * NextToken values: opaque to clients, signed with a key that lives only as long as the emulator, and
 * bound to the request they came from, so a forged, altered or misplaced token is refused with
 * InvalidPaginationTokenException as the service refuses a bad token.
 *
 * @module
 */

import { createHmac, randomBytes } from "node:crypto";
import { ServiceException } from "./service-errors.js";

/** Longest NextToken the service model accepts. */
const MAX_TOKEN_LENGTH = 1024;

/** Issues and reads pagination tokens. */
export class PaginationTokens {
  readonly #key = randomBytes(32);

  #sign(payload: string): string {
    return createHmac("sha256", this.#key).update(payload).digest("base64url").slice(0, 22);
  }

  /**
   * A token for the page starting at `offset` of the listing described by `scope` (operation, resource
   * and filters, so the token only works for the same listing).
   */
  issue(scope: string, offset: number): string {
    const payload = String(offset);
    return `${payload}.${this.#sign(`${scope}\n${payload}`)}`;
  }

  /** The offset a token stands for; InvalidPaginationTokenException if it is not one of ours for `scope`. */
  read(scope: string, token: string): number {
    const dot = token.indexOf(".");
    const payload = token.slice(0, dot);
    if (
      token.length > MAX_TOKEN_LENGTH ||
      dot <= 0 ||
      !/^\d{1,15}$/.test(payload) ||
      token.slice(dot + 1) !== this.#sign(`${scope}\n${payload}`)
    ) {
      throw new ServiceException(
        "InvalidPaginationTokenException",
        "Invalid pagination token. Pass the NextToken of the previous response, with the same parameters.",
      );
    }
    return Number(payload);
  }
}
