import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smithyChecker } from './smithy-check.js';
import { specFile } from './openapi-check.js';

/**
 * A SageMaker control plane on loopback, enough of it for traffic shifting: `DescribeEndpoint` and
 * `UpdateEndpointWeightsAndCapacities` over awsJson1_1, on stateful endpoints that go Updating →
 * InService (or Failed, or back) after a number of describes. Every request is checked against
 * the Smithy model in ../shared/specs/aws/sagemaker.json (operation, members, types, enums,
 * traits) and its SigV4 signature recomputed with the test's secret; each answer is checked
 * against the model too. Problems go to `violations`, which tests assert empty.
 */

export interface FakeVariant {
  readonly name: string;
  current: number;
  desired?: number;
}

/** What an update ends in once `updateDescribes` describes have seen it Updating. */
export type UpdateOutcome = 'in-service' | 'failed' | 'rolled-back' | 'never';

export interface FakeEndpoint {
  readonly name: string;
  status: string;
  variants: FakeVariant[];
  failureReason?: string;
  /** Describes that answer Updating before the update ends (default 2). */
  updateDescribes?: number;
  /** Default `in-service`. */
  outcome?: UpdateOutcome;
  /** Describes left in the current update. */
  left?: number;
  /** Weights before the current update, for a roll-back. */
  previous?: number[];
}

/** An error answer for the next matching requests; `hang` never answers (the caller's deadline ends it). */
export type Fault =
  | { readonly operation?: string; readonly status: number; readonly type: string; readonly message: string; times?: number }
  | { readonly operation?: string; readonly hang: true; times?: number };

export interface RecordedRequest {
  readonly operation: string;
  readonly body: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
}

export interface SagemakerFake {
  readonly url: string;
  readonly region: string;
  readonly account: string;
  readonly endpoints: Map<string, FakeEndpoint>;
  readonly faults: Fault[];
  readonly requests: RecordedRequest[];
  readonly violations: string[];
  /** Requests refused for their credentials (a wrong key or secret): not violations, AWS's answer to them. */
  readonly rejected: string[];
  /** Called with each request as it arrives (a test aborts its call's signal here). */
  onRequest?: (request: RecordedRequest) => void;
  arn(name: string): string;
  close(): Promise<void>;
}

const checker = smithyChecker(specFile('aws/sagemaker.json'));

export async function startSagemakerFake(keys: { accessKeyId: string; secretAccessKey: string }, region = 'eu-west-1'): Promise<SagemakerFake> {
  const account = '123456789012';
  const hanging = new Set<ServerResponse>();
  const fake: SagemakerFake = {
    url: '',
    region,
    account,
    endpoints: new Map(),
    faults: [],
    requests: [],
    violations: [],
    rejected: [],
    arn: (name) => `arn:aws:sagemaker:${region}:${account}:endpoint/${name.toLowerCase()}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
      }),
  };

  function answer(res: ServerResponse, operation: string, status: number, body: Record<string, unknown>): void {
    if (status === 200) fake.violations.push(...checker.checkOutput(operation, body).map((p) => `fake answer: ${p}`));
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': '00000000-0000-0000-0000-000000000000' }).end(JSON.stringify(body));
  }
  const error = (res: ServerResponse, operation: string, type: string, message: string, status = 400) => answer(res, operation, status, { __type: type, message });

  function describe(endpoint: FakeEndpoint): Record<string, unknown> {
    if (endpoint.status === 'Updating' && endpoint.left !== undefined) {
      if (endpoint.left > 0) endpoint.left -= 1;
      else finish(endpoint);
    } else if (endpoint.status === 'RollingBack') {
      endpoint.status = 'InService';
    }
    return {
      EndpointName: endpoint.name,
      EndpointArn: fake.arn(endpoint.name),
      EndpointConfigName: `${endpoint.name}-config`,
      EndpointStatus: endpoint.status,
      ...(endpoint.failureReason ? { FailureReason: endpoint.failureReason } : {}),
      ProductionVariants: endpoint.variants.map((v) => ({
        VariantName: v.name,
        CurrentWeight: v.current,
        DesiredWeight: v.desired ?? v.current,
        CurrentInstanceCount: 1,
        DesiredInstanceCount: 1,
      })),
      CreationTime: 1_767_225_600,
      LastModifiedTime: 1_767_225_600,
    };
  }

  function finish(endpoint: FakeEndpoint): void {
    const outcome = endpoint.outcome ?? 'in-service';
    if (outcome === 'never') return;
    delete endpoint.left;
    if (outcome === 'in-service') {
      endpoint.status = 'InService';
      for (const v of endpoint.variants) v.current = v.desired ?? v.current;
    } else if (outcome === 'failed') {
      endpoint.status = 'Failed';
      endpoint.failureReason = 'Variant challenger: the model container did not pass the ping health check.';
    } else {
      endpoint.status = 'RollingBack';
      endpoint.failureReason = 'Unable to update endpoint: variant challenger could not scale; the update was rolled back.';
      endpoint.variants.forEach((v, i) => {
        v.current = endpoint.previous?.[i] ?? v.current;
        v.desired = v.current;
      });
    }
  }

  function update(res: ServerResponse, body: Record<string, unknown>): void {
    const name = String(body['EndpointName']);
    const endpoint = fake.endpoints.get(name);
    if (!endpoint) return error(res, 'UpdateEndpointWeightsAndCapacities', 'ValidationException', `Could not find endpoint "${fake.arn(name)}".`);
    if (endpoint.status !== 'InService') return error(res, 'UpdateEndpointWeightsAndCapacities', 'ValidationException', `Cannot update in-progress endpoint "${fake.arn(name)}".`);
    const wanted = (body['DesiredWeightsAndCapacities'] as { VariantName: string; DesiredWeight?: number }[]) ?? [];
    const unknown = wanted.filter((w) => !endpoint.variants.some((v) => v.name === w.VariantName)).map((w) => w.VariantName);
    if (unknown.length > 0) return error(res, 'UpdateEndpointWeightsAndCapacities', 'ValidationException', `The variant name(s) [${unknown.join(', ')}] is/are not present in the endpoint configuration of "${fake.arn(name)}".`);
    endpoint.previous = endpoint.variants.map((v) => v.current);
    for (const w of wanted) {
      const variant = endpoint.variants.find((v) => v.name === w.VariantName) as FakeVariant;
      if (w.DesiredWeight !== undefined) variant.desired = w.DesiredWeight;
    }
    endpoint.status = 'Updating';
    delete endpoint.failureReason;
    endpoint.left = endpoint.updateDescribes ?? 2;
    answer(res, 'UpdateEndpointWeightsAndCapacities', 200, { EndpointArn: fake.arn(name) });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('SageMaker.') ? target.slice('SageMaker.'.length) : target;
      const problems: string[] = [];
      if (req.method !== 'POST' || req.url !== '/') problems.push(`${req.method} ${req.url}: awsJson1_1 requests are POST /`);
      if (req.headers['content-type'] !== 'application/x-amz-json-1.1') problems.push(`${operation}: Content-Type ${req.headers['content-type']}, not application/x-amz-json-1.1`);
      if (!target.startsWith('SageMaker.') || !checker.operations.has(operation)) problems.push(`X-Amz-Target ${target} names no SageMaker operation`);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        problems.push(`${operation}: body is not JSON`);
      }
      problems.push(...checker.checkInput(operation, body));
      const signature = sigv4Problem(req, raw, keys, region);
      if (signature && !signature.startsWith('rejected:')) problems.push(`${operation}: ${signature}`);
      if (signature?.startsWith('rejected:')) fake.rejected.push(signature);
      fake.violations.push(...problems);
      const recorded: RecordedRequest = { operation, body, headers: req.headers };
      fake.requests.push(recorded);
      fake.onRequest?.(recorded);
      if (signature) return error(res, operation, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.', 403);

      const fault = fake.faults.find((f) => f.operation === undefined || f.operation === operation);
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.times <= 0) fake.faults.splice(fake.faults.indexOf(fault), 1);
        if ('hang' in fault) {
          hanging.add(res);
          return;
        }
        return error(res, operation, fault.type, fault.message, fault.status);
      }
      if (operation === 'DescribeEndpoint') {
        const endpoint = fake.endpoints.get(String(body['EndpointName']));
        if (!endpoint) return error(res, operation, 'ValidationException', `Could not find endpoint "${fake.arn(String(body['EndpointName']))}".`);
        return answer(res, operation, 200, describe(endpoint));
      }
      if (operation === 'UpdateEndpointWeightsAndCapacities') return update(res, body);
      return error(res, operation, 'UnknownOperationException', `${operation} is not served by this fake`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (fake as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/**
 * Recomputes the request's AWS Signature Version 4 (the `Authorization` header's scope, signed
 * headers and signature) from the secret, independently of the SDK; undefined when it matches.
 */
function sigv4Problem(req: IncomingMessage, body: string, keys: { accessKeyId: string; secretAccessKey: string }, region: string): string | undefined {
  const authorization = String(req.headers['authorization'] ?? '');
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) return `no SigV4 Authorization header (${authorization ? 'malformed' : 'absent'})`;
  const [, keyId, date, scopeRegion, service, signedHeaders, signature] = match as unknown as string[];
  if (keyId !== keys.accessKeyId) return 'rejected: signed with another access key';
  if (scopeRegion !== region || service !== 'sagemaker') return `credential scope ${scopeRegion}/${service}, not ${region}/sagemaker`;
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date as string)) return 'X-Amz-Date does not match the credential scope date';
  const names = (signedHeaders as string).split(';');
  if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-target')) return `SignedHeaders ${signedHeaders} leave out host, x-amz-date or x-amz-target`;
  const values = new Map<string, string[]>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] as string).toLowerCase();
    values.set(name, [...(values.get(name) ?? []), (req.rawHeaders[i + 1] as string).trim().replace(/\s+/g, ' ')]);
  }
  const canonicalHeaders = names.map((n) => `${n}:${(values.get(n) ?? []).join(',')}\n`).join('');
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const canonicalRequest = [req.method, '/', '', canonicalHeaders, signedHeaders, sha256(body)].join('\n');
  const scope = `${date}/${region}/sagemaker/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${keys.secretAccessKey}`, date as string), region), 'sagemaker'), 'aws4_request');
  const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return expected === signature ? undefined : 'rejected: SigV4 signature does not verify with the secret key';
}
