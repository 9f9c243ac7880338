/**
 * The diff's contract, over random lines: by meaning it ignores key order, class-id numbering, attribute
 * names, box order, dates, job names and service-added keys, and it detects any change of a label name or of
 * a box.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffManifests } from "../../src/dataset-sync/diff.js";
import { compareKey } from "../../src/dataset-sync/entry-meaning.js";
import type { ManifestLine } from "../../src/manifest/types.js";

interface Box {
  readonly label: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

interface BoxAttribute {
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly Box[];
}

/** What an image is labelled with, independent of how a line writes it. */
interface Labelling {
  readonly sourceRef: string;
  readonly labels: readonly string[];
  readonly boxAttributes: readonly BoxAttribute[];
}

/** How a producer writes it. */
interface Writing {
  /** Seed for attribute names, class ids, key order, box order, dates. */
  readonly seed: number;
  /** Whether to add the keys ListDatasetEntries adds. */
  readonly serviceKeys: boolean;
}

const LABELS = ["Cat", "Dog", "Bird", "Car", "Tree", "Sky", "Ünïcode label", "a"];

const box = fc.record({
  label: fc.constantFrom(...LABELS),
  left: fc.integer({ min: 0, max: 500 }),
  top: fc.integer({ min: 0, max: 400 }),
  width: fc.integer({ min: 1, max: 100 }),
  height: fc.integer({ min: 1, max: 80 }),
});

const labelling: fc.Arbitrary<Labelling> = fc.record({
  sourceRef: fc.string({ minLength: 1, maxLength: 12 }).map((key) => `s3://bucket/${key}`),
  labels: fc.uniqueArray(fc.constantFrom(...LABELS), { maxLength: 3 }),
  boxAttributes: fc.array(
    fc.record({
      width: fc.integer({ min: 600, max: 800 }),
      height: fc.integer({ min: 400, max: 600 }),
      boxes: fc.array(box, { maxLength: 5 }),
    }),
    { maxLength: 2 },
  ),
});

/** A small seeded generator, so that a writing is fully determined by its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** An object with its keys in a random order, at every level. */
function reordered(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => reordered(item, random));
  if (typeof value !== "object" || value === null) return value;
  const entries = shuffled(Object.entries(value), random);
  return Object.fromEntries(entries.map(([key, item]) => [key, reordered(item, random)]));
}

/** Writes a labelling as one manifest line, the way the producer `writing` would. */
function write(image: Labelling, writing: Writing): ManifestLine {
  const random = prng(writing.seed);
  const date = `2026-0${1 + Math.floor(random() * 9)}-01T00:00:00.000Z`;
  const line: Record<string, unknown> = { "source-ref": image.sourceRef };
  const prefix = `p${Math.floor(random() * 1000)}`;
  image.labels.forEach((label, index) => {
    line[`${prefix}-label-${index}`] = Math.floor(random() * 5);
    line[`${prefix}-label-${index}-metadata`] = {
      confidence: random(),
      "class-name": label,
      "human-annotated": random() < 0.5 ? "yes" : "no",
      "creation-date": date,
      type: "groundtruth/image-classification",
      "job-name": `job-${Math.floor(random() * 100)}`,
    };
  });
  image.boxAttributes.forEach((attribute, index) => {
    // Class ids: any injective numbering of the labels used.
    const used = [...new Set(attribute.boxes.map((b) => b.label))];
    const ids = shuffled(
      Array.from({ length: used.length + 3 }, (_, i) => i * 3 + Math.floor(random() * 3)),
      random,
    );
    const idOf = new Map(used.map((label, i) => [label, ids[i]!]));
    const boxes = shuffled(attribute.boxes, random);
    const name = `${prefix}-boxes-${index}`;
    line[name] = {
      image_size: [{ width: attribute.width, height: attribute.height, depth: 3 }],
      annotations: boxes.map((b) => ({
        class_id: idOf.get(b.label)!,
        left: b.left,
        top: b.top,
        width: b.width,
        height: b.height,
        ...(writing.serviceKeys && random() < 0.3 ? { errors: [{ code: "E", message: "m" }] } : {}),
      })),
    };
    line[`${name}-metadata`] = {
      objects: boxes.map(() => ({ confidence: random() })),
      "class-map": Object.fromEntries(used.map((label) => [String(idOf.get(label)), label])),
      type: "groundtruth/object-detection",
      "human-annotated": "yes",
      "creation-date": date,
    };
  });
  if (writing.serviceKeys) {
    line["cl-metadata"] = { is_labeled: image.labels.length > 0 || image.boxAttributes.length > 0 };
  }
  return reordered(line, random) as ManifestLine;
}

const writing: fc.Arbitrary<Writing> = fc.record({ seed: fc.integer({ min: 1 }), serviceKeys: fc.boolean() });

/** Changes one thing the model learns from: a label name, or one box's position or size. */
const change = fc.record({
  which: fc.nat(),
  field: fc.constantFrom("label", "left", "top", "width", "height"),
  by: fc.integer({ min: 1, max: 50 }),
});

function changed(image: Labelling, how: { which: number; field: string; by: number }): Labelling | undefined {
  const boxes = image.boxAttributes.flatMap((attribute, a) => attribute.boxes.map((_, b) => [a, b] as const));
  const targets = image.labels.length + boxes.length;
  if (targets === 0) return undefined;
  const pick = how.which % targets;
  if (pick < image.labels.length) {
    const labels = image.labels.map((label, i) => (i === pick ? `${label} renamed` : label));
    return { ...image, labels };
  }
  const [a, b] = boxes[pick - image.labels.length]!;
  return {
    ...image,
    boxAttributes: image.boxAttributes.map((attribute, i) =>
      i !== a
        ? attribute
        : {
            ...attribute,
            boxes: attribute.boxes.map((old, j) => {
              if (j !== b) return old;
              if (how.field === "label") return { ...old, label: `${old.label} renamed` };
              const field = how.field as "left" | "top" | "width" | "height";
              return { ...old, [field]: old[field] + how.by };
            }),
          },
    ),
  };
}

describe("Property: comparing by meaning", () => {
  it("gives the same key to one labelling however it is written", () => {
    fc.assert(
      fc.property(labelling, writing, writing, (image, one, other) => {
        expect(compareKey(write(image, one))).toBe(compareKey(write(image, other)));
      }),
      { numRuns: 300 },
    );
  });

  it("gives another key when a label name or a box changes, however both are written", () => {
    fc.assert(
      fc.property(labelling, writing, writing, change, (image, one, other, how) => {
        const edited = changed(image, how);
        fc.pre(edited !== undefined);
        expect(compareKey(write(edited!, other))).not.toBe(compareKey(write(image, one)));
      }),
      { numRuns: 300 },
    );
  });

  it("makes a diff of two writings of the same manifest empty, and finds exactly the edited lines", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(labelling, { selector: (image) => image.sourceRef, minLength: 1, maxLength: 20 }),
        writing,
        writing,
        fc.array(fc.tuple(fc.nat(), change), { maxLength: 5 }),
        async (images, one, other, edits) => {
          const base = images.map((image) => write(image, one));
          expect(
            (
              await diffManifests(
                base,
                images.map((image) => write(image, other)),
              )
            ).same,
          ).toBe(true);
          const edited = [...images];
          const expectedChanged = new Set<string>();
          for (const [index, how] of edits) {
            const at = index % edited.length;
            const next = changed(edited[at]!, how);
            if (next === undefined) continue;
            edited[at] = next;
            expectedChanged.add(next.sourceRef);
          }
          const diff = await diffManifests(
            base,
            edited.map((image) => write(image, other)),
          );
          expect(new Set(diff.changedSourceRefs)).toEqual(expectedChanged);
          expect(diff.unchanged).toBe(images.length - expectedChanged.size);
        },
      ),
      { numRuns: 100 },
    );
  });
});
