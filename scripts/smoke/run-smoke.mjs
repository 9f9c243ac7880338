// The scenario both smoke tests run, given the package's exports as the module system loaded them.
import assert from "node:assert/strict";

export async function runSmoke(api, kind) {
  const {
    DatasetClient,
    imageLabels,
    isDatasetError,
    objectLocalization,
    toJsonLine,
    startLocalRekognition,
  } = api;
  const local = await startLocalRekognition({ processing: { baseMs: 20, perMegabyteMs: 0 } });
  try {
    const { datasetArn } = local.createDataset();
    const lines = [
      imageLabels({ sourceRef: "s3://smoke-bucket/a.jpg", labels: ["cat"] }),
      objectLocalization({
        sourceRef: "s3://smoke-bucket/b.jpg",
        imageSize: { width: 640, height: 480 },
        boxes: [{ label: "dog", left: 10, top: 20, width: 100, height: 80 }],
      }),
    ];
    assert.equal(typeof toJsonLine(lines[0]), "string");
    const client = new DatasetClient({
      clientConfig: { endpoint: local.endpoint, region: local.region, credentials: local.credentials },
    });
    const result = await client.upload(datasetArn, lines, { wait: { minDelay: 0.01, maxDelay: 0.05 } });
    assert.equal(result.inputLinesDone, 2);
    assert.deepEqual(
      local.entries(datasetArn).map((line) => line["source-ref"]),
      ["s3://smoke-bucket/a.jpg", "s3://smoke-bucket/b.jpg"],
    );
    await assert.rejects(client.describe("not-an-arn"), (error) =>
      isDatasetError(error, "InvalidDatasetArnError"),
    );
    console.log(`smoke ${kind} on Node ${process.version}: ok`);
  } finally {
    await local.close();
  }
}
