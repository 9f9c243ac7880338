/**
 * A loopback HTTP proxy in front of the emulator that counts what UpdateDatasetEntries requests carry: the
 * `source-ref` of every line sent. It sees the requests exactly as they leave the CLI.
 */
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

/** A running proxy. */
export interface CountingProxy {
  /** The URL to give the CLI as `--endpoint-url`. */
  readonly endpoint: string;
  /** The `source-ref` of each line sent in an UpdateDatasetEntries request, in order. */
  readonly sentSourceRefs: string[];
  close(): Promise<void>;
}

/** Starts a proxy to `target` (the emulator's endpoint). */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const sentSourceRefs: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      if (String(incoming.headers["x-amz-target"]).endsWith(".UpdateDatasetEntries")) {
        const { Changes } = JSON.parse(body.toString("utf8")) as { Changes: { GroundTruth: string } };
        const text = Buffer.from(Changes.GroundTruth, "base64").toString("utf8");
        for (const line of text.split("\n")) {
          if (line.trim() !== "")
            sentSourceRefs.push((JSON.parse(line) as { "source-ref": string })["source-ref"]);
        }
      }
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forward.on("error", () => outgoing.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    sentSourceRefs,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
