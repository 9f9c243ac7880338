import { describe, expect, it } from "vitest";
import { DatasetQueue } from "../../src/client/dataset-queue.js";

const A = "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/1";
const B = "arn:aws:rekognition:us-east-1:123456789012:project/p/dataset/train/2";

/** Lets every pending promise callback run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe("Class: DatasetQueue", () => {
  it("runs writers on one dataset one at a time, in call order", async () => {
    const queue = new DatasetQueue();
    const order: string[] = [];
    const first = await queue.acquire(A);
    const second = queue.acquire(A).then((release) => {
      order.push("second");
      return release;
    });
    const third = queue.acquire(A).then((release) => {
      order.push("third");
      return release;
    });
    await settle();
    expect(order).toEqual([]);

    first();
    (await second)();
    await settle();
    expect(order).toEqual(["second", "third"]);
    (await third)();
  });

  it("does not hold writers on other datasets", async () => {
    const queue = new DatasetQueue();
    const onA = await queue.acquire(A);
    const onB = await queue.acquire(B);
    expect(typeof onB).toBe("function");
    onA();
    onB();
  });

  it("stops waiting at once on abort, and keeps the order of the others", async () => {
    const queue = new DatasetQueue();
    const first = await queue.acquire(A);
    const controller = new AbortController();
    const aborted = queue.acquire(A, controller.signal);
    let thirdHeld = false;
    const third = queue.acquire(A).then((release) => {
      thirdHeld = true;
      return release;
    });

    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    await settle();
    expect(thirdHeld).toBe(false); // the first writer still holds the dataset

    first();
    (await third)();
    expect(thirdHeld).toBe(true);
  });

  it("refuses at once with an already aborted signal, without blocking later writers", async () => {
    const queue = new DatasetQueue();
    const controller = new AbortController();
    controller.abort(new Error("already"));
    await expect(queue.acquire(A, controller.signal)).rejects.toThrow("already");
    const release = await queue.acquire(A);
    release();
  });

  it("takes a second release as harmless", async () => {
    const queue = new DatasetQueue();
    const release = await queue.acquire(A);
    release();
    release();
    (await queue.acquire(A))();
  });
});

describe("Class: DatasetQueue, given a signal that is not an AbortSignal", () => {
  it("refuses it and gives the slot back, so later writers are not held forever", async () => {
    const queue = new DatasetQueue();
    await expect(queue.acquire(A, {} as AbortSignal)).rejects.toThrow(TypeError);
    let held = false;
    const next = queue.acquire(A).then((release) => {
      held = true;
      return release;
    });
    await settle();
    expect(held).toBe(true);
    (await next)();
  });
});
