/**
 * How fast the service processes updates: one update of about 1 MiB of real entries, timed like every
 * other update the probe waits for, and a straight line fitted through all of them (a fixed time plus a
 * time per byte, the waiter's own model).
 *
 * @module
 * @internal
 */
import { awaitOutcome, type ProbeContext, sendUpdate } from "../context.js";
import { bulkBody } from "../lines.js";
import type { MeasuredProcessingRate, ProcessingSample } from "../types.js";
import type { Findings } from "./answer.js";

/** Size of the experiment's own update: big enough to stand out from the small ones' fixed time. */
export const RATE_UPDATE_BYTES = 1_048_576;

/** The GroundTruth this experiment sends. */
export function processingRateBody(prefix: string): Uint8Array {
  return bulkBody(prefix, RATE_UPDATE_BYTES);
}

/**
 * Least squares through the samples: `seconds = baseSeconds + bytes / bytesPerSecond`. With one size only,
 * or when bigger updates were not slower, no rate can be told (`bytesPerSecond` undefined).
 *
 * @param samples - the timed updates.
 */
export function fitProcessingRate(samples: readonly ProcessingSample[]): MeasuredProcessingRate {
  const count = samples.length;
  const meanBytes = samples.reduce((sum, sample) => sum + sample.bytes, 0) / Math.max(count, 1);
  const meanSeconds = samples.reduce((sum, sample) => sum + sample.seconds, 0) / Math.max(count, 1);
  let covariance = 0;
  let variance = 0;
  for (const sample of samples) {
    covariance += (sample.bytes - meanBytes) * (sample.seconds - meanSeconds);
    variance += (sample.bytes - meanBytes) ** 2;
  }
  const secondsPerByte = variance > 0 ? covariance / variance : 0;
  if (!(secondsPerByte > 0)) {
    return { bytesPerSecond: undefined, baseSeconds: Math.max(0, meanSeconds), samples };
  }
  return {
    bytesPerSecond: 1 / secondsPerByte,
    baseSeconds: Math.max(0, meanSeconds - secondsPerByte * meanBytes),
    samples,
  };
}

/** Sends the large update, then fits the rate over every update timed so far. */
export async function processingRate(
  context: ProbeContext,
): Promise<{ findings: Findings; rate: MeasuredProcessingRate }> {
  context.step(`Sending ${RATE_UPDATE_BYTES} bytes of entries and timing the update`, "processing-rate");
  const update = await sendUpdate(context, processingRateBody(context.prefix));
  const outcome = await awaitOutcome(context, update);
  context.samples.push(outcome.sample);
  const rate = fitProcessingRate(context.samples);
  const finding =
    rate.bytesPerSecond === undefined
      ? {
          answer: "inconclusive",
          observed: "Bigger updates were not slower than small ones: no rate per byte could be told.",
          agrees: undefined,
          details: { baseSeconds: rate.baseSeconds },
        }
      : {
          answer: "measured",
          observed: `About ${Math.round(rate.bytesPerSecond)} bytes per second, after a fixed ${rate.baseSeconds.toFixed(2)} s per update.`,
          agrees: true,
          details: { bytesPerSecond: rate.bytesPerSecond, baseSeconds: rate.baseSeconds },
        };
  return { findings: { "processing-rate": finding }, rate };
}
