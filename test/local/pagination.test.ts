import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PaginationTokens } from "../../src/local/pagination.js";
import { ServiceException } from "../../src/local/service-errors.js";

function refusal(read: () => unknown): ServiceException {
  try {
    read();
  } catch (error) {
    return error as ServiceException;
  }
  throw new Error("expected the token to be refused");
}

describe("PaginationTokens", () => {
  it("reads back the offset it issued, for the same scope", () => {
    const tokens = new PaginationTokens();
    fc.assert(
      fc.property(fc.string(), fc.nat(), (scope, offset) => {
        expect(tokens.read(scope, tokens.issue(scope, offset))).toBe(offset);
      }),
    );
  });

  it("refuses a token used with another scope, or issued by another emulator", () => {
    const tokens = new PaginationTokens();
    const token = tokens.issue("a", 5);
    expect(refusal(() => tokens.read("b", token)).type).toBe("InvalidPaginationTokenException");
    expect(refusal(() => new PaginationTokens().read("a", token)).type).toBe(
      "InvalidPaginationTokenException",
    );
  });

  it("refuses any string that is not a token it issued", () => {
    const tokens = new PaginationTokens();
    fc.assert(
      fc.property(fc.string({ maxLength: 1100 }), (text) => {
        const error = refusal(() => tokens.read("scope", text));
        expect(error).toBeInstanceOf(ServiceException);
        expect(error.status).toBe(400);
      }),
    );
  });
});
