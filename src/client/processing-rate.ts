/**
 * How fast the service has been processing this client's updates, so that the waiter can aim its polls at
 * the expected end of the next one. One model per DatasetClient: per dataset, with the client's other
 * datasets as the fallback for a dataset not written to yet.
 *
 * @module
 * @internal
 */

/** Weight of the newest sample in the running average: recent updates matter most, one outlier half. */
const NEWEST_WEIGHT = 0.5;

/** Shortest processing time a sample may claim, so that one instant update cannot claim infinite speed. */
const MIN_SAMPLE_SECONDS = 0.01;

/**
 * Seconds per byte, averaged over recent updates. Seconds per byte rather than bytes per second, so that
 * averaging does not favour the fast samples.
 *
 * @internal
 */
export class ProcessingRates {
  readonly #byDataset = new Map<string, number>();
  #clientWide: number | undefined;

  /**
   * @param seedBytesPerSecond - a rate known before this client measured any update (the probe's
   *   measurement, or an earlier run's): the client-wide estimate until the first sample, then blended
   *   with the samples like any other.
   */
  constructor(seedBytesPerSecond?: number) {
    if (seedBytesPerSecond !== undefined) this.#clientWide = 1 / seedBytesPerSecond;
  }

  /**
   * Records that an update of `bytes` took about `seconds` from acceptance to completion.
   *
   * @param datasetArn - the dataset it updated.
   * @param bytes - its GroundTruth size.
   * @param seconds - its processing time as the waiter measured it.
   */
  record(datasetArn: string, bytes: number, seconds: number): void {
    if (!(bytes > 0) || !Number.isFinite(seconds)) return;
    const sample = Math.max(seconds, MIN_SAMPLE_SECONDS) / bytes;
    const blend = (old: number | undefined) =>
      old === undefined ? sample : NEWEST_WEIGHT * sample + (1 - NEWEST_WEIGHT) * old;
    this.#byDataset.set(datasetArn, blend(this.#byDataset.get(datasetArn)));
    this.#clientWide = blend(this.#clientWide);
  }

  /**
   * How long an update of `bytes` to the dataset is expected to take, in seconds, or `undefined` when no
   * update of this client was measured yet.
   */
  expectedSeconds(datasetArn: string, bytes: number): number | undefined {
    const secondsPerByte = this.#byDataset.get(datasetArn) ?? this.#clientWide;
    return secondsPerByte === undefined ? undefined : secondsPerByte * bytes;
  }
}
