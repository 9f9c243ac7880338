import {
  CreateDatasetCommand,
  CreateProjectCommand,
  DeleteDatasetCommand,
  DeleteProjectCommand,
  DescribeDatasetCommand,
  DescribeProjectsCommand,
  DetectLabelsCommand,
  InternalServerError,
  InvalidPaginationTokenException,
  InvalidParameterException,
  ListDatasetEntriesCommand,
  ListDatasetLabelsCommand,
  ProvisionedThroughputExceededException,
  RekognitionServiceException,
  ResourceAlreadyExistsException,
  ResourceInUseException,
  ResourceNotFoundException,
  ResourceNotReadyException,
  ThrottlingException,
  UpdateDatasetEntriesCommand,
} from "@aws-sdk/client-rekognition";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../support/async.js";
import { createDatasetThroughSdk } from "../support/emulator.js";
import { labelLine } from "../support/lines.js";
import { groundTruth, harnessPerTest, update } from "./helpers.js";

const start = harnessPerTest();

const MISSING_ARN = "arn:aws:rekognition:us-east-1:123456789012:project/none/dataset/train/1";

describe("Protocol: every operation through the real RekognitionClient", () => {
  it("creates a project and a dataset, and describes both with dates as Date objects", async () => {
    const { client, clock } = await start();
    const project = await client.send(new CreateProjectCommand({ ProjectName: "cats" }));
    expect(project.$metadata.httpStatusCode).toBe(200);
    expect(project.ProjectArn).toMatch(/^arn:aws:rekognition:us-east-1:123456789012:project\/cats\/\d+$/);
    const dataset = await client.send(
      new CreateDatasetCommand({ ProjectArn: project.ProjectArn!, DatasetType: "TEST" }),
    );
    expect(dataset.DatasetArn).toMatch(
      /^arn:aws:rekognition:us-east-1:123456789012:project\/cats\/dataset\/test\/\d+$/,
    );

    const { DatasetDescription } = await client.send(
      new DescribeDatasetCommand({ DatasetArn: dataset.DatasetArn! }),
    );
    expect(DatasetDescription).toEqual({
      CreationTimestamp: new Date(clock()),
      LastUpdatedTimestamp: new Date(clock()),
      Status: "CREATE_COMPLETE",
      StatusMessage: expect.any(String),
      StatusMessageCode: "SUCCESS",
      DatasetStats: { LabeledEntries: 0, TotalEntries: 0, TotalLabels: 0, ErrorEntries: 0 },
    });

    const projects = await client.send(new DescribeProjectsCommand({ ProjectNames: ["cats"] }));
    expect(projects.ProjectDescriptions).toEqual([
      {
        ProjectArn: project.ProjectArn,
        CreationTimestamp: expect.any(Date),
        Status: "CREATED",
        Feature: "CUSTOM_LABELS",
        Datasets: [
          {
            CreationTimestamp: expect.any(Date),
            DatasetType: "TEST",
            DatasetArn: dataset.DatasetArn,
            Status: "CREATE_COMPLETE",
            StatusMessage: expect.any(String),
            StatusMessageCode: "SUCCESS",
          },
        ],
      },
    ]);
  });

  it("sends GroundTruth as a blob, then lists entries and labels", async () => {
    const h = await start();
    const arn = await createDatasetThroughSdk(h.client);
    const sent = await h.client.send(
      new UpdateDatasetEntriesCommand({
        DatasetArn: arn,
        Changes: { GroundTruth: groundTruth([labelLine("a.jpg")]) },
      }),
    );
    expect(sent.$metadata.httpStatusCode).toBe(200);
    h.clock.advance(60_000);
    const entries = await h.client.send(new ListDatasetEntriesCommand({ DatasetArn: arn }));
    expect(entries.DatasetEntries).toHaveLength(1);
    expect(JSON.parse(entries.DatasetEntries![0]!)).toMatchObject({
      "source-ref": "s3://bucket/images/a.jpg",
      "cl-metadata": { is_labeled: true },
    });
    expect(entries.NextToken).toBeUndefined();
    const labels = await h.client.send(new ListDatasetLabelsCommand({ DatasetArn: arn }));
    expect(labels.DatasetLabelDescriptions).toEqual([
      { LabelName: "Sunrise", LabelStats: { EntryCount: 1, BoundingBoxCount: 0 } },
    ]);
  });

  it("deletes a dataset and a project", async () => {
    const { client } = await start();
    const { ProjectArn } = await client.send(new CreateProjectCommand({ ProjectName: "gone" }));
    const { DatasetArn } = await client.send(
      new CreateDatasetCommand({ ProjectArn: ProjectArn!, DatasetType: "TRAIN" }),
    );
    const deleted = await client.send(new DeleteDatasetCommand({ DatasetArn: DatasetArn! }));
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    const error = await rejectionOf(client.send(new DescribeDatasetCommand({ DatasetArn: DatasetArn! })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    const project = await client.send(new DeleteProjectCommand({ ProjectArn: ProjectArn! }));
    expect(project.Status).toBe("DELETING");
    const after = await client.send(new DescribeProjectsCommand({}));
    expect(after.ProjectDescriptions).toEqual([]);
  });
});

describe("Protocol: every error arrives as the SDK's exception class with the service's status", () => {
  it.each([
    ["a malformed dataset ARN", "InvalidParameterException", InvalidParameterException, 400, "client"],
    ["an unknown dataset", "ResourceNotFoundException", ResourceNotFoundException, 400, "client"],
  ] as const)("%s gives %s", async (_scenario, name, type, status, fault) => {
    const { client } = await start();
    const arn = name === "InvalidParameterException" ? "arn:not-a-dataset-arn" : MISSING_ARN;
    const error = await rejectionOf(client.send(new DescribeDatasetCommand({ DatasetArn: arn })));
    expect(error).toBeInstanceOf(type);
    expect(error.name).toBe(name);
    expect(error.$fault).toBe(fault);
    expect((error as unknown as RekognitionServiceException).$metadata.httpStatusCode).toBe(status);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it("an update while another is processing gives ResourceInUseException (400)", async () => {
    const { client } = await start();
    const arn = await createDatasetThroughSdk(client);
    await update(client, arn, [labelLine("a.jpg")]);
    const error = await rejectionOf(update(client, arn, [labelLine("b.jpg")]));
    expect(error).toBeInstanceOf(ResourceInUseException);
    expect((error as unknown as ResourceInUseException).$metadata.httpStatusCode).toBe(400);
  });

  it("a second TRAIN dataset gives ResourceAlreadyExistsException (400)", async () => {
    const { client } = await start();
    const { ProjectArn } = await client.send(new CreateProjectCommand({ ProjectName: "p" }));
    await client.send(new CreateDatasetCommand({ ProjectArn: ProjectArn!, DatasetType: "TRAIN" }));
    const error = await rejectionOf(
      client.send(new CreateDatasetCommand({ ProjectArn: ProjectArn!, DatasetType: "TRAIN" })),
    );
    expect(error).toBeInstanceOf(ResourceAlreadyExistsException);
    expect((error as unknown as ResourceAlreadyExistsException).$metadata.httpStatusCode).toBe(400);
  });

  it("listing a dataset still being created gives ResourceNotReadyException (400)", async () => {
    const { client } = await start({ processing: { createMs: 5_000 } });
    const arn = await createDatasetThroughSdk(client);
    const error = await rejectionOf(client.send(new ListDatasetEntriesCommand({ DatasetArn: arn })));
    expect(error).toBeInstanceOf(ResourceNotReadyException);
    expect((error as unknown as ResourceNotReadyException).$metadata.httpStatusCode).toBe(400);
  });

  it("a forged NextToken gives InvalidPaginationTokenException (400)", async () => {
    const { client } = await start();
    const arn = await createDatasetThroughSdk(client);
    const error = await rejectionOf(
      client.send(new ListDatasetEntriesCommand({ DatasetArn: arn, NextToken: "5.forged" })),
    );
    expect(error).toBeInstanceOf(InvalidPaginationTokenException);
    expect((error as unknown as InvalidPaginationTokenException).$metadata.httpStatusCode).toBe(400);
  });

  it.each([
    ["throttleRate", ThrottlingException, "server", 500],
    ["internalErrorRate", InternalServerError, "server", 500],
  ] as const)("fault %s arrives as %o", async (rate, type, fault, status) => {
    const { client } = await start({ faults: { [rate]: 1 }, seed: 1 });
    const errors = await Promise.all(
      Array.from({ length: 8 }, () => rejectionOf(client.send(new DescribeProjectsCommand({})))),
    );
    const matching = errors.filter((error) => error instanceof type);
    expect(matching.length).toBeGreaterThan(0);
    for (const error of matching) {
      expect(error.$fault).toBe(fault);
      expect((error as unknown as RekognitionServiceException).$metadata.httpStatusCode).toBe(status);
    }
  });

  it("throttling produces both ThrottlingException (500) and ProvisionedThroughputExceededException (400)", async () => {
    const { client } = await start({ faults: { throttleRate: 1 }, seed: 7 });
    const errors: Error[] = [];
    for (let i = 0; i < 16; i += 1)
      errors.push(await rejectionOf(client.send(new DescribeProjectsCommand({}))));
    const provisioned = errors.filter((error) => error instanceof ProvisionedThroughputExceededException);
    expect(errors.some((error) => error instanceof ThrottlingException)).toBe(true);
    expect(provisioned.length).toBeGreaterThan(0);
    expect((provisioned[0] as ProvisionedThroughputExceededException).$metadata.httpStatusCode).toBe(400);
    expect((provisioned[0] as ProvisionedThroughputExceededException).$fault).toBe("client");
  });

  it("an operation the emulator does not implement gives UnknownOperationException (400)", async () => {
    const { client } = await start();
    const error = await rejectionOf(
      client.send(new DetectLabelsCommand({ Image: { Bytes: new Uint8Array([1, 2]) } })),
    );
    expect(error).toBeInstanceOf(RekognitionServiceException);
    expect(error.name).toBe("UnknownOperationException");
    expect((error as unknown as RekognitionServiceException).$metadata.httpStatusCode).toBe(400);
  });
});

describe("Protocol: the raw wire format", () => {
  async function post(endpoint: string, headers: Record<string, string>, body: string) {
    const response = await fetch(endpoint, { method: "POST", headers, body });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  }
  const JSON_11 = "application/x-amz-json-1.1";

  it("answers with the JSON 1.1 content type, a request id, and epoch-second timestamps", async () => {
    const { local, clock } = await start();
    const created = await post(
      local.endpoint,
      { "content-type": JSON_11, "x-amz-target": "RekognitionService.CreateProject" },
      JSON.stringify({ ProjectName: "raw" }),
    );
    expect(created.status).toBe(200);
    expect(created.headers.get("content-type")).toBe(JSON_11);
    expect(created.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    const projects = await post(
      local.endpoint,
      { "content-type": JSON_11, "x-amz-target": "RekognitionService.DescribeProjects" },
      "{}",
    );
    const [description] = projects.body.ProjectDescriptions as Record<string, unknown>[];
    expect(description!.CreationTimestamp).toBe(clock() / 1000);
  });

  it("writes a service exception as a __type body with Message, and a Coral one with its namespace", async () => {
    const { local } = await start();
    const notFound = await post(
      local.endpoint,
      { "content-type": JSON_11, "x-amz-target": "RekognitionService.DescribeDataset" },
      JSON.stringify({ DatasetArn: MISSING_ARN }),
    );
    expect(notFound.status).toBe(400);
    expect(notFound.body).toMatchObject({ __type: "ResourceNotFoundException", Message: expect.any(String) });

    const noTarget = await post(local.endpoint, { "content-type": JSON_11 }, "{}");
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.__type).toBe("com.amazon.coral.service#UnknownOperationException");

    const badJson = await post(
      local.endpoint,
      { "content-type": JSON_11, "x-amz-target": "RekognitionService.DescribeProjects" },
      "{not json",
    );
    expect(badJson.status).toBe(400);
    expect(badJson.body.__type).toBe("com.amazon.coral.service#SerializationException");

    const wrongType = await post(
      local.endpoint,
      { "content-type": JSON_11, "x-amz-target": "RekognitionService.DescribeDataset" },
      JSON.stringify({ DatasetArn: 42 }),
    );
    expect(wrongType.body.__type).toBe("com.amazon.coral.service#SerializationException");
  });

  it("refuses a GroundTruth that is not base64", async () => {
    const { local } = await start();
    const response = await post(
      local.endpoint,
      { "content-type": JSON_11, "x-amz-target": "RekognitionService.UpdateDatasetEntries" },
      JSON.stringify({ DatasetArn: MISSING_ARN, Changes: { GroundTruth: "{not base64}" } }),
    );
    expect(response.status).toBe(400);
    expect(response.body.__type).toBe("com.amazon.coral.service#SerializationException");
  });
});
