/**
 * One writer per dataset within a DatasetClient. DescribeDataset shows only a dataset's last operation, so
 * two writers interleaving updates on one dataset cannot tell whose completion they see: a writer whose
 * update failed could take the other's UPDATE_COMPLETE for its own and report lines as applied that never
 * were. Within one DatasetClient we prevent that by running writers on a dataset one at a time, in call
 * order. (Separate clients or processes writing to one dataset cannot be told apart by the service's API.)
 *
 * @module
 */

/** Releases a dataset slot; calling it more than once is harmless. @internal */
export type ReleaseSlot = () => void;

/** A FIFO lock per dataset ARN. @internal */
export class DatasetQueue {
  /** Per dataset: settles when the last writer queued so far has released its slot. */
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Waits for the dataset's earlier writers to finish, then holds the slot until released.
   *
   * @param datasetArn - the dataset.
   * @param signal - stops waiting: the promise rejects with the signal's reason, and the slot is given up
   *   without ever being held (the queue order of the others is kept).
   */
  acquire(datasetArn: string, signal?: AbortSignal): Promise<ReleaseSlot> {
    // Refused before the slot is taken: nothing to give back, and nobody queued behind it.
    if (signal?.aborted) return Promise.reject(signal.reason);
    const previous = this.#tails.get(datasetArn) ?? Promise.resolve();
    let markDone!: () => void;
    const done = new Promise<void>((resolve) => {
      markDone = resolve;
    });
    const tail = previous.then(() => done);
    this.#tails.set(datasetArn, tail);
    // Forget the dataset once nobody is queued behind this writer, so the map does not grow with datasets.
    void tail.then(() => {
      if (this.#tails.get(datasetArn) === tail) this.#tails.delete(datasetArn);
    });
    const release: ReleaseSlot = () => markDone();

    return new Promise<ReleaseSlot>((resolve, reject) => {
      const onAbort = () => {
        release();
        reject(signal?.reason);
      };
      try {
        signal?.addEventListener("abort", onAbort, { once: true });
      } catch (error) {
        // A signal that cannot be listened to (not an AbortSignal): the slot was taken, so give it back at
        // once, or every later writer to this dataset would wait for it forever.
        release();
        reject(error);
        return;
      }
      void previous.then(() => {
        signal?.removeEventListener("abort", onAbort);
        if (signal?.aborted) return; // already rejected and released
        resolve(release);
      });
    });
  }
}
