/**
 * Fault injection: which requests fail, how, and which updates end in `UPDATE_FAILED`. Every decision
 * draws from one seeded generator in a fixed order, so the same seed and the same requests give the same
 * faults.
 *
 * @module
 */

import { InvalidOptionsError } from "../errors/invalid-options-error.js";
import { assertOptionsObject, checkOptionsObject, optionPath } from "../options/check-options.js";
import type { RandomSource } from "./prng.js";

/** Faults applied to requests, globally or for one operation. Rates are probabilities in [0, 1]. */
export interface RequestFaults {
  /**
   * Share of requests answered with a throttling error (ThrottlingException or
   * ProvisionedThroughputExceededException, half each).
   *
   * @defaultValue 0
   */
  readonly throttleRate?: number;
  /**
   * Share of requests answered with InternalServerError.
   *
   * @defaultValue 0
   */
  readonly internalErrorRate?: number;
  /**
   * Share of requests whose connection is destroyed before the operation runs (nothing applied, no
   * response).
   *
   * @defaultValue 0
   */
  readonly dropConnectionRate?: number;
  /**
   * Share of requests whose connection is destroyed after the operation ran (applied, but the client
   * never hears so): the nastiest case for a client's retries.
   *
   * @defaultValue 0
   */
  readonly dropResponseRate?: number;
  /**
   * Real delay added before each request is handled, in milliseconds.
   *
   * @defaultValue 0
   */
  readonly latencyMs?: number;
}

/** How a forced update failure reports itself: retry later, or fix the input. */
export type UpdateFailureCode = "SERVICE_ERROR" | "CLIENT_ERROR";

/** Every fault the emulator can inject. */
export interface FaultOptions extends RequestFaults {
  /**
   * Per-operation overrides of the request faults, keyed by operation name (e.g.
   * `UpdateDatasetEntries`); a field set here wins over the global one for that operation.
   *
   * @defaultValue none
   */
  readonly operations?: Readonly<Record<string, RequestFaults>>;
  /**
   * The next this many accepted UpdateDatasetEntries end in `UPDATE_FAILED` (nothing applied).
   *
   * @defaultValue 0
   */
  readonly failNextUpdates?: number;
  /**
   * Share of accepted UpdateDatasetEntries that end in `UPDATE_FAILED`.
   *
   * @defaultValue 0
   */
  readonly updateFailureRate?: number;
  /**
   * `StatusMessageCode` of forced failures.
   *
   * @defaultValue "SERVICE_ERROR"
   */
  readonly updateFailureCode?: UpdateFailureCode;
  /**
   * For this long after an update is accepted, DescribeDataset still shows the previous operation's status
   * and `LastUpdatedTimestamp`, in milliseconds (of the emulator's clock).
   *
   * @defaultValue 0
   */
  readonly staleStatusMs?: number;
}

/** What to do with one request. */
export type RequestFault =
  | { readonly kind: "none" }
  | { readonly kind: "drop" }
  | { readonly kind: "dropResponse" }
  | {
      readonly kind: "error";
      readonly type: "ThrottlingException" | "ProvisionedThroughputExceededException" | "InternalServerError";
    };

/** One request's fault and its added latency. */
export interface RequestFaultDecision {
  /** The fault, if any. */
  readonly fault: RequestFault;
  /** Delay before handling, in milliseconds. */
  readonly latencyMs: number;
}

const RATE_FIELDS = [
  "throttleRate",
  "internalErrorRate",
  "dropConnectionRate",
  "dropResponseRate",
  "updateFailureRate",
] as const;

const REQUEST_FAULT_FIELDS = [
  "throttleRate",
  "internalErrorRate",
  "dropConnectionRate",
  "dropResponseRate",
  "latencyMs",
] as const satisfies readonly (keyof RequestFaults)[];

const FAULT_FIELDS = [
  ...REQUEST_FAULT_FIELDS,
  "operations",
  "failNextUpdates",
  "updateFailureRate",
  "updateFailureCode",
  "staleStatusMs",
] as const satisfies readonly (keyof FaultOptions)[];

/**
 * Refuses faults the emulator cannot apply, and unknown names (with the nearest known one), naming the
 * option's path.
 *
 * @param faults - the faults given.
 * @param path - where they were given: `"faults"` in the options, `""` for `setFaults`.
 */
function checkFaults(faults: FaultOptions, path: string): void {
  checkOptionsObject(faults, FAULT_FIELDS, path);
  const check = (name: string, value: unknown, max: number) => {
    if (value !== undefined && (typeof value !== "number" || !(value >= 0 && value <= max))) {
      throw new InvalidOptionsError({
        option: optionPath(path, name),
        expected: max === 1 ? "a number from 0 to 1" : "a number >= 0",
        value,
      });
    }
  };
  for (const field of RATE_FIELDS) check(field, faults[field], 1);
  check("latencyMs", faults.latencyMs, Number.MAX_SAFE_INTEGER);
  check("staleStatusMs", faults.staleStatusMs, Number.MAX_SAFE_INTEGER);
  check("failNextUpdates", faults.failNextUpdates, Number.MAX_SAFE_INTEGER);
  assertOptionsObject(faults.operations, optionPath(path, "operations"));
  for (const [operation, scoped] of Object.entries(faults.operations ?? {})) {
    const scopedPath = optionPath(path, `operations.${operation}`);
    checkOptionsObject(scoped, REQUEST_FAULT_FIELDS, scopedPath);
    for (const field of RATE_FIELDS)
      check(`operations.${operation}.${field}`, (scoped as FaultOptions)[field], 1);
    check(`operations.${operation}.latencyMs`, scoped.latencyMs, Number.MAX_SAFE_INTEGER);
  }
  const code = faults.updateFailureCode;
  if (code !== undefined && code !== "SERVICE_ERROR" && code !== "CLIENT_ERROR") {
    throw new InvalidOptionsError({
      option: optionPath(path, "updateFailureCode"),
      expected: '"SERVICE_ERROR" or "CLIENT_ERROR"',
      value: code,
    });
  }
}

/** Holds the current faults and makes every random decision about them. */
export class FaultInjector {
  #faults: FaultOptions;
  #failuresLeft: number;
  readonly #random: RandomSource;

  constructor(faults: FaultOptions, random: RandomSource) {
    checkFaults(faults, "faults");
    this.#faults = faults;
    this.#failuresLeft = faults.failNextUpdates ?? 0;
    this.#random = random;
  }

  /** The faults in force, with `failNextUpdates` counting what is left. */
  get current(): FaultOptions {
    return { ...this.#faults, failNextUpdates: this.#failuresLeft };
  }

  /** Changes some faults; fields not given keep their value (`operations` is replaced as a whole). */
  set(partial: FaultOptions): void {
    checkFaults(partial, "");
    const next = { ...this.#faults, ...partial };
    this.#faults = next;
    if (partial.failNextUpdates !== undefined) this.#failuresLeft = partial.failNextUpdates;
  }

  /** The stale-status window in milliseconds. */
  get staleStatusMs(): number {
    return this.#faults.staleStatusMs ?? 0;
  }

  /**
   * Decides one request's fault. Always draws the same count of numbers, whatever the rates, so that
   * changing one rate does not shift every later decision.
   */
  decide(operation: string): RequestFaultDecision {
    const scoped = this.#faults.operations?.[operation] ?? {};
    const rate = (field: "throttleRate" | "internalErrorRate" | "dropConnectionRate" | "dropResponseRate") =>
      scoped[field] ?? this.#faults[field] ?? 0;
    const latencyMs = scoped.latencyMs ?? this.#faults.latencyMs ?? 0;
    const drop = this.#random();
    const dropResponse = this.#random();
    const throttle = this.#random();
    const throttleKind = this.#random();
    const internal = this.#random();
    let fault: RequestFault = { kind: "none" };
    if (drop < rate("dropConnectionRate")) fault = { kind: "drop" };
    else if (throttle < rate("throttleRate")) {
      fault = {
        kind: "error",
        type: throttleKind < 0.5 ? "ThrottlingException" : "ProvisionedThroughputExceededException",
      };
    } else if (internal < rate("internalErrorRate")) fault = { kind: "error", type: "InternalServerError" };
    else if (dropResponse < rate("dropResponseRate")) fault = { kind: "dropResponse" };
    return { fault, latencyMs };
  }

  /** Decides whether an accepted update will fail, and with which code; `undefined` means it succeeds. */
  decideUpdateFailure(): UpdateFailureCode | undefined {
    const draw = this.#random();
    const code = this.#faults.updateFailureCode ?? "SERVICE_ERROR";
    if (this.#failuresLeft > 0) {
      this.#failuresLeft -= 1;
      return code;
    }
    return draw < (this.#faults.updateFailureRate ?? 0) ? code : undefined;
  }
}
