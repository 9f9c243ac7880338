/**
 * A record of every request a RekognitionClient sends and how it ended, taken by a middleware in the
 * client's own stack: what went over the wire, seen from the client's side of the real HTTP path.
 */
import type { RekognitionClient } from "@aws-sdk/client-rekognition";

/** One request and its outcome. */
export interface WireRecord {
  /** The operation, e.g. `"UpdateDatasetEntries"`. */
  readonly operation: string;
  /**
   * `"ok"`, or the error's name (`"ThrottlingException"`, `"InternalServerError"`...; a dropped socket is a
   * `"TimeoutError"` too: the SDK's HTTP handler names ECONNRESET, EPIPE and ETIMEDOUT so).
   */
  readonly outcome: string;
  /** For UpdateDatasetEntries: the `source-ref` of every line of the payload, in order. */
  readonly sourceRefs?: readonly string[];
}

/** The records of one client, in order. */
export interface WireLog {
  /** Every request so far. */
  readonly records: readonly WireRecord[];
  /** The requests of one operation. */
  of(operation: string): WireRecord[];
  /** How many requests ended with each outcome (error names and `"ok"`). */
  outcomes(): Record<string, number>;
  /** Source-refs carried by UpdateDatasetEntries requests the emulator accepted, in order. */
  acceptedSourceRefs(): string[];
}

const decoder = new TextDecoder();

function sourceRefsOf(groundTruth: unknown): string[] {
  if (!(groundTruth instanceof Uint8Array)) return [];
  return decoder
    .decode(groundTruth)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        return String((JSON.parse(line) as Record<string, unknown>)["source-ref"]);
      } catch {
        return "(invalid JSON)";
      }
    });
}

/**
 * Starts recording every request of `client`. With `maxAttempts: 1` (a DatasetClient built from
 * `clientConfig`), one record is one HTTP attempt.
 */
export function recordWire(client: RekognitionClient): WireLog {
  const records: WireRecord[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? "").replace(/Command$/, "");
      const input = args.input as { Changes?: { GroundTruth?: unknown } };
      const sourceRefs =
        operation === "UpdateDatasetEntries" ? { sourceRefs: sourceRefsOf(input.Changes?.GroundTruth) } : {};
      try {
        const output = await next(args);
        records.push({ operation, outcome: "ok", ...sourceRefs });
        return output;
      } catch (error) {
        const name = error instanceof Error ? error.name : "unknown";
        records.push({ operation, outcome: name, ...sourceRefs });
        throw error;
      }
    },
    { step: "initialize", name: "e2eWireLog" },
  );
  return {
    records,
    of: (operation) => records.filter((record) => record.operation === operation),
    outcomes: () => {
      const counts: Record<string, number> = {};
      for (const record of records) counts[record.outcome] = (counts[record.outcome] ?? 0) + 1;
      return counts;
    },
    acceptedSourceRefs: () =>
      records
        .filter((record) => record.operation === "UpdateDatasetEntries" && record.outcome === "ok")
        .flatMap((record) => record.sourceRefs ?? []),
  };
}
