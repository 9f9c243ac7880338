/** Invariants over generated lines: round trips are exact, and nothing thrown at the model makes it throw. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isManifestValidationError } from "../../src/errors/manifest-validation-error.js";
import { combineLines } from "../../src/manifest/builders/combine.js";
import { imageLabels } from "../../src/manifest/builders/image-labels.js";
import { fromMultiLabel } from "../../src/manifest/builders/multilabel.js";
import { objectLocalization } from "../../src/manifest/builders/object-localization.js";
import { parseManifestLine } from "../../src/manifest/parse.js";
import { hasErrorProblems, type ValidationProblem } from "../../src/manifest/problems.js";
import { toJsonLine } from "../../src/manifest/serialize.js";
import type { ManifestLine } from "../../src/manifest/types.js";
import { validateLine } from "../../src/manifest/validate.js";
import { CLASSIFICATION_SAMPLE_TEXT, DETECTION_SAMPLE_TEXT, type Loose } from "./fixtures.js";

const now = () => new Date("2026-06-01T12:00:00.000Z");

/** Runs per property; `FC_RUNS=20000 npx vitest run test/manifest/properties.test.ts` for a deeper search. */
const RUNS = Number(process.env.FC_RUNS ?? 200);

const sourceRef = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
    fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
  )
  .map(([bucket, key]) => `s3://${bucket}/${key}`);

/** Label names of 1..255 characters, any Unicode (lone surrogates included). */
const labelName = fc.string({ unit: "binary", minLength: 1, maxLength: 40 });

const confidence = fc.double({ min: 0, max: 1, noNaN: true });
const creationDate = fc.date({
  min: new Date("1970-01-01T00:00:00Z"),
  max: new Date("2100-01-01T00:00:00Z"),
  noInvalidDate: true,
});
const provenance = fc.record(
  {
    confidence,
    humanAnnotated: fc.constantFrom(true, false, "yes" as const, "no" as const),
    creationDate: fc.oneof(
      creationDate,
      creationDate.map((d) => d.toISOString().replace("Z", "")),
    ),
    jobName: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: [] },
);

const imageLabelsInput = fc
  .tuple(
    sourceRef,
    fc.array(fc.oneof(labelName, fc.record({ name: labelName, confidence })), {
      minLength: 1,
      maxLength: 12,
    }),
    provenance,
  )
  .map(([ref, labels, rest]) => ({ sourceRef: ref, labels, ...rest }));

const objectLocalizationInput = fc
  .record({
    sourceRef,
    width: fc.integer({ min: 64, max: 4096 }),
    // Height as a ratio of width, within the service's 20:1 aspect limit and its 64..4096 px sides.
    heightRatio: fc.double({ min: 0, max: 1, noNaN: true }),
    depth: fc.option(fc.constantFrom(1, 3, 4), { nil: undefined }),
    labels: fc.array(labelName, { minLength: 1, maxLength: 6 }),
    boxes: fc.array(
      fc.tuple(
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(confidence, { nil: undefined }),
      ),
      { maxLength: 50 },
    ),
    provenance,
  })
  .map(({ sourceRef: ref, width, heightRatio, depth, labels, boxes, provenance: rest }) => {
    const lowest = Math.max(64, Math.ceil(width / 20));
    const highest = Math.min(4096, width * 20);
    const height = Math.round(lowest + heightRatio * (highest - lowest));
    // The smallest side that stays over 1 px once the image is scaled to 1280 px on its longest side.
    const longest = Math.max(width, height);
    const minSide = longest <= 1280 ? 2 : Math.floor(longest / 1280) + 1;
    const place = (size: number, a: number, b: number) => {
      const start = Math.floor(a * (size - minSide));
      return [start, minSide + Math.floor(b * (size - start - minSide))] as const;
    };
    return {
      sourceRef: ref,
      imageSize: depth === undefined ? { width, height } : { width, height, depth },
      boxes: boxes.map(([label, a, b, c, d, boxConfidence]) => {
        const [left, boxWidth] = place(width, a, b);
        const [top, boxHeight] = place(height, c, d);
        const box = { label: labels[label % labels.length]!, left, top, width: boxWidth, height: boxHeight };
        return boxConfidence === undefined ? box : { ...box, confidence: boxConfidence };
      }),
      ...rest,
    };
  });

function errorsOf(problems: readonly ValidationProblem[]): ValidationProblem[] {
  return problems.filter((p) => p.severity === "error");
}

function roundTrips(line: ManifestLine): void {
  const text = toJsonLine(line);
  const parsed = parseManifestLine(text, 1);
  expect(errorsOf(parsed.problems)).toEqual([]);
  expect(parsed.line).toEqual(line);
  expect(toJsonLine(parsed.line!)).toBe(text);
}

describe("build -> toJsonLine -> parseManifestLine", () => {
  it("gives back the same image-level label line, with no error", () => {
    fc.assert(
      fc.property(imageLabelsInput, (input) => roundTrips(imageLabels(input, { now }))),
      { numRuns: RUNS },
    );
  });
  it("gives back the same object-localization line, with no error", () => {
    fc.assert(
      fc.property(objectLocalizationInput, (input) => roundTrips(objectLocalization(input, { now }))),
      { numRuns: RUNS },
    );
  });
  it("gives back the same combined line, with no error", () => {
    fc.assert(
      fc.property(imageLabelsInput, objectLocalizationInput, (labels, boxes) => {
        const a = imageLabels({ ...labels, labels: labels.labels.slice(0, 10) }, { now });
        const b = objectLocalization({ ...boxes, sourceRef: labels.sourceRef }, { now });
        roundTrips(combineLines(a, b));
      }),
      { numRuns: RUNS },
    );
  });
});

/** Every path to a value in a JSON tree, as key lists. */
function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) paths(value[i], [...prefix, i], out);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  }
  return out;
}

type Mutation = { kind: "delete" | "replace" | "swap-type"; pick: number; value: unknown };

function mutate(line: Loose, mutation: Mutation): unknown {
  const copy = structuredClone(line);
  const all = paths(copy).slice(1);
  if (all.length === 0) return copy;
  const path = all[mutation.pick % all.length]!;
  const parent = path.slice(0, -1).reduce<Loose>((node, key) => node[key as string], copy);
  const key = path.at(-1) as string;
  if (mutation.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (mutation.kind === "replace") {
    parent[key] = mutation.value;
  } else {
    const current = parent[key];
    parent[key] =
      typeof current === "number"
        ? String(current)
        : typeof current === "string"
          ? current.length
          : [current];
  }
  return copy;
}

function checkProblems(problems: readonly ValidationProblem[]): void {
  for (const problem of problems) {
    expect(typeof problem.code).toBe("string");
    expect(typeof problem.path).toBe("string");
    expect(["error", "warning"]).toContain(problem.severity);
    expect(problem.message.length).toBeLessThan(1000);
  }
}

const validLine = fc.oneof(
  fc.constant(JSON.parse(CLASSIFICATION_SAMPLE_TEXT) as Loose),
  fc.constant(JSON.parse(DETECTION_SAMPLE_TEXT) as Loose),
  objectLocalizationInput.map((input) => objectLocalization(input, { now }) as Loose),
  imageLabelsInput.map((input) => imageLabels(input, { now }) as Loose),
);

const mutation = fc.record({
  kind: fc.constantFrom("delete", "replace", "swap-type") as fc.Arbitrary<Mutation["kind"]>,
  pick: fc.nat(),
  value: fc.oneof(fc.jsonValue(), fc.anything()),
});

describe("broken lines never make the model throw", () => {
  it("validateLine and parseManifestLine report mutated lines instead of throwing", () => {
    fc.assert(
      fc.property(validLine, fc.array(mutation, { minLength: 1, maxLength: 4 }), (line, mutations) => {
        let broken: unknown = line;
        for (const m of mutations) broken = mutate(broken as Loose, m);
        checkProblems(validateLine(broken));
        let text: string | undefined;
        try {
          text = JSON.stringify(broken);
        } catch {
          // fc.anything() can make values JSON cannot write (BigInt): only the validator sees those.
        }
        if (text !== undefined) checkProblems(parseManifestLine(text, 3).problems);
      }),
      { numRuns: RUNS },
    );
  });
  it("parseManifestLine reports truncated and random text instead of throwing", () => {
    fc.assert(
      fc.property(validLine, fc.nat(), fc.string({ unit: "binary" }), (line, cut, noise) => {
        const text = toJsonLine(line as ManifestLine);
        const truncated = parseManifestLine(text.slice(0, cut % text.length));
        expect(hasErrorProblems(truncated.problems)).toBe(true);
        checkProblems(parseManifestLine(noise).problems);
        checkProblems(parseManifestLine(text.slice(0, cut % text.length) + noise).problems);
      }),
      { numRuns: RUNS },
    );
  });
  it("validateLine reports any value at all instead of throwing", () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }),
        (value) => {
          checkProblems(validateLine(value));
          checkProblems(validateLine({ "source-ref": "s3://bucket/a", x: value, "x-metadata": value }));
        },
      ),
      { numRuns: RUNS },
    );
  });
  it("builders throw nothing but ManifestValidationError, whatever they are given", () => {
    const builders = [
      (input: unknown) => imageLabels(input as never, { now }),
      (input: unknown) => objectLocalization(input as never, { now }),
      (input: unknown) => fromMultiLabel(input as never),
      (input: unknown) => combineLines(input as never, input as never),
    ];
    const anything = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
    });
    const shaped = fc.record(
      {
        sourceRef: fc.oneof(sourceRef, anything),
        labels: fc.oneof(fc.array(fc.oneof(labelName, anything)), anything),
        imageSize: fc.oneof(
          fc.record({ width: fc.oneof(fc.integer(), anything), height: anything }),
          anything,
        ),
        boxes: fc.oneof(
          fc.array(
            fc.record({ label: anything, left: anything, top: anything, width: anything, height: anything }),
          ),
          anything,
        ),
        classIds: anything,
        creationDate: fc.oneof(fc.date(), anything),
        humanAnnotated: anything,
        attributeName: anything,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          anything,
          shaped,
          validLine.chain((l) =>
            fc
              .tuple(fc.constant(l), fc.array(mutation, { maxLength: 3 }))
              .map(([line, ms]) => ms.reduce<unknown>((acc, m) => mutate(acc as Loose, m), line)),
          ),
        ),
        (input) => {
          for (const build of builders) {
            try {
              const line = build(input);
              expect(hasErrorProblems(validateLine(line))).toBe(false);
            } catch (error) {
              if (!isManifestValidationError(error)) throw error;
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
