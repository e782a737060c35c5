// The Smithy check as CloudWatch's fake needs it: AWS JSON 1.0 requests for a model that declares awsQuery (see ../shared/specs/README.md). SageMaker's awsJson1_1 fake uses smithy-check.ts.
import { readFileSync } from 'node:fs';

/**
 * Checks requests an AWS SDK sends against the service's Smithy JSON model (from
 * /work/shared/specs/aws). The current CloudWatch client speaks AWS JSON 1.0 while the model
 * declares awsQuery (see the specs README): the shapes are the same, so the body is checked as
 * JSON 1.0 (timestamps as epoch seconds), and the target header against the service and operation.
 */
interface Shape {
  readonly type: string;
  readonly members?: Record<string, { readonly target: string; readonly traits?: Record<string, unknown> }>;
  readonly member?: { readonly target: string };
  readonly traits?: Record<string, unknown>;
  readonly input?: { readonly target: string };
}

export interface AwsJsonRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export function smithyChecker(modelFile: string) {
  const shapes = (JSON.parse(readFileSync(modelFile, 'utf8')) as { shapes: Record<string, Shape> }).shapes;
  const [serviceId, service] = Object.entries(shapes).find(([, s]) => s.type === 'service')!;
  const namespace = serviceId.split('#')[0]!;
  const sigv4 = (service.traits?.['aws.auth#sigv4'] as { name: string }).name;

  function checkValue(value: unknown, target: string, path: string, out: string[]): void {
    if (target.startsWith('smithy.api#')) return;
    const shape = shapes[target];
    if (!shape) return void out.push(`${path}: unknown shape ${target}`);
    const traits = shape.traits ?? {};
    const length = traits['smithy.api#length'] as { min?: number; max?: number } | undefined;
    const range = traits['smithy.api#range'] as { min?: number; max?: number } | undefined;
    const checkLength = (n: number) => {
      if (length?.min !== undefined && n < length.min) out.push(`${path}: length ${n} < ${length.min}`);
      if (length?.max !== undefined && n > length.max) out.push(`${path}: length ${n} > ${length.max}`);
    };
    switch (shape.type) {
      case 'structure': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return void out.push(`${path}: expected an object (${target})`);
        const members = shape.members ?? {};
        for (const [name, m] of Object.entries(members)) {
          if (m.traits?.['smithy.api#required'] !== undefined && (value as Record<string, unknown>)[name] === undefined) out.push(`${path}.${name}: required by ${target}`);
        }
        for (const [name, v] of Object.entries(value)) {
          const m = members[name];
          if (!m) out.push(`${path}.${name}: not a member of ${target}`);
          else checkValue(v, m.target, `${path}.${name}`, out);
        }
        return;
      }
      case 'list':
        if (!Array.isArray(value)) return void out.push(`${path}: expected a list (${target})`);
        checkLength(value.length);
        value.forEach((v, i) => checkValue(v, shape.member!.target, `${path}[${i}]`, out));
        return;
      case 'string': {
        if (typeof value !== 'string') return void out.push(`${path}: expected a string (${target})`);
        checkLength(value.length);
        const pattern = traits['smithy.api#pattern'] as string | undefined;
        if (pattern && !new RegExp(pattern, 'u').test(value)) out.push(`${path}: ${JSON.stringify(value)} does not match ${pattern}`);
        return;
      }
      case 'enum': {
        const allowed = Object.values(shape.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
        if (!allowed.includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
        return;
      }
      case 'integer':
      case 'long':
        if (!Number.isInteger(value)) return void out.push(`${path}: expected an integer (${target})`);
        if (range?.min !== undefined && (value as number) < range.min) out.push(`${path}: ${String(value)} < ${range.min}`);
        if (range?.max !== undefined && (value as number) > range.max) out.push(`${path}: ${String(value)} > ${range.max}`);
        return;
      case 'double':
      case 'float':
        if (typeof value !== 'number') out.push(`${path}: expected a number (${target})`);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') out.push(`${path}: expected a boolean (${target})`);
        return;
      case 'timestamp':
        if (typeof value !== 'number' || !Number.isFinite(value)) out.push(`${path}: expected epoch seconds (${target})`);
        return;
      default:
        out.push(`${path}: shape type ${shape.type} not checked`);
    }
  }

  return {
    /** Violations of one AWS JSON 1.0 request for `operation` (empty when it conforms). */
    check(request: AwsJsonRequest, operation: string): string[] {
      const out: string[] = [];
      const op = shapes[`${namespace}#${operation}`];
      if (!op || op.type !== 'operation') return [`${operation} is not an operation of ${serviceId}`];
      const header = (name: string) => String(request.headers[name] ?? '');
      const serviceName = serviceId.split('#')[1]!;
      if (header('x-amz-target') !== `${serviceName}.${operation}`) out.push(`X-Amz-Target is ${JSON.stringify(header('x-amz-target'))}; expected ${serviceName}.${operation}`);
      if (header('content-type') !== 'application/x-amz-json-1.0') out.push(`Content-Type is ${JSON.stringify(header('content-type'))}; expected application/x-amz-json-1.0`);
      if (!new RegExp(`^AWS4-HMAC-SHA256 Credential=[^/]+/\\d{8}/[a-z0-9-]+/${sigv4}/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$`).test(header('authorization'))) {
        out.push(`Authorization is not a SigV4 signature for service ${sigv4}`);
      }
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        return [...out, 'the body is not JSON'];
      }
      checkValue(body, op.input!.target, '$', out);
      return out;
    },
  };
}
