import { readFileSync } from 'node:fs';

/**
 * Checks awsJson request and answer bodies against an AWS service's Smithy 2.0 JSON AST model
 * (../shared/specs/aws): the operation must be one of the service's, every member must be one
 * the shape declares, required members present, and each value of its shape's type, within its
 * length, range and pattern traits, and one of its enum's values. Fakes call it on every request
 * (and on their own answers, to stay faithful) and tests assert the list of violations is empty.
 */
export interface SmithyChecker {
  /** The service's operation names (`DescribeEndpoint`, …). */
  readonly operations: ReadonlySet<string>;
  /** Problems with an operation's input body, empty when it follows the model. */
  checkInput(operation: string, body: unknown): string[];
  /** Problems with an operation's output body. */
  checkOutput(operation: string, body: unknown): string[];
}

interface Member {
  readonly target: string;
  readonly traits?: Record<string, unknown>;
}
interface Shape {
  readonly type: string;
  readonly members?: Record<string, Member>;
  readonly member?: Member;
  readonly key?: Member;
  readonly value?: Member;
  readonly input?: { target: string };
  readonly output?: { target: string };
  readonly operations?: { target: string }[];
  readonly traits?: Record<string, unknown>;
}

const PRELUDE: Record<string, string> = {
  'smithy.api#String': 'string',
  'smithy.api#Boolean': 'boolean',
  'smithy.api#PrimitiveBoolean': 'boolean',
  'smithy.api#Integer': 'integer',
  'smithy.api#PrimitiveInteger': 'integer',
  'smithy.api#Long': 'long',
  'smithy.api#PrimitiveLong': 'long',
  'smithy.api#Float': 'float',
  'smithy.api#PrimitiveFloat': 'float',
  'smithy.api#Double': 'double',
  'smithy.api#PrimitiveDouble': 'double',
  'smithy.api#Timestamp': 'timestamp',
  'smithy.api#Blob': 'blob',
  'smithy.api#Document': 'document',
  'smithy.api#Unit': 'structure',
};

export function smithyChecker(modelFile: string): SmithyChecker {
  const model = JSON.parse(readFileSync(modelFile, 'utf8')) as { shapes: Record<string, Shape> };
  const shapes = model.shapes;
  const service = Object.values(shapes).find((s) => s.type === 'service');
  if (!service) throw new Error(`${modelFile}: no service shape`);
  const operationIds = new Map((service.operations ?? []).map((o) => [o.target.split('#')[1] as string, o.target]));

  function shapeOf(id: string): Shape {
    const prelude = PRELUDE[id];
    if (prelude) return { type: prelude };
    const shape = shapes[id];
    if (!shape) throw new Error(`${modelFile}: no shape ${id}`);
    return shape;
  }

  function check(id: string, value: unknown, path: string, problems: string[], memberTraits: Record<string, unknown> = {}): void {
    const shape = shapeOf(id);
    const traits = { ...shape.traits, ...memberTraits };
    const wrong = (what: string) => problems.push(`${path}: ${what} (${id.split('#')[1]})`);
    const length = traits['smithy.api#length'] as { min?: number; max?: number } | undefined;
    const range = traits['smithy.api#range'] as { min?: number; max?: number } | undefined;
    const checkLength = (n: number) => {
      if (length?.min !== undefined && n < length.min) wrong(`length ${n} is below ${length.min}`);
      if (length?.max !== undefined && n > length.max) wrong(`length ${n} is above ${length.max}`);
    };
    switch (shape.type) {
      case 'structure': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return void wrong(`expected an object, got ${JSON.stringify(value)}`);
        const members = shape.members ?? {};
        for (const [name, member] of Object.entries(members)) {
          if ('smithy.api#required' in (member.traits ?? {}) && (value as Record<string, unknown>)[name] === undefined) wrong(`required member ${name} is missing`);
        }
        for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
          const member = members[name];
          if (!member) wrong(`unknown member ${name}`);
          else if (child !== null) check(member.target, child, `${path}.${name}`, problems, member.traits);
        }
        return;
      }
      case 'union': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return void wrong('expected an object');
        const set = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
        if (set.length !== 1) wrong(`a union sets exactly one member, not ${set.length}`);
        for (const [name, child] of set) {
          const member = shape.members?.[name];
          if (!member) wrong(`unknown member ${name}`);
          else check(member.target, child, `${path}.${name}`, problems, member.traits);
        }
        return;
      }
      case 'list':
      case 'set': {
        if (!Array.isArray(value)) return void wrong(`expected an array, got ${JSON.stringify(value)}`);
        checkLength(value.length);
        value.forEach((item, i) => check((shape.member as Member).target, item, `${path}[${i}]`, problems, shape.member?.traits));
        return;
      }
      case 'map': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return void wrong('expected an object');
        checkLength(Object.keys(value).length);
        for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
          check((shape.key as Member).target, key, `${path} key`, problems);
          check((shape.value as Member).target, child, `${path}.${key}`, problems);
        }
        return;
      }
      case 'string': {
        if (typeof value !== 'string') return void wrong(`expected a string, got ${JSON.stringify(value)}`);
        checkLength([...value].length);
        const pattern = traits['smithy.api#pattern'];
        if (typeof pattern === 'string' && !new RegExp(pattern).test(value)) wrong(`${JSON.stringify(value)} does not match ${pattern}`);
        const legacyEnum = traits['smithy.api#enum'] as { value: string }[] | undefined;
        if (legacyEnum && !legacyEnum.some((e) => e.value === value)) wrong(`${JSON.stringify(value)} is not one of ${legacyEnum.map((e) => e.value).join(', ')}`);
        return;
      }
      case 'enum': {
        const values = Object.entries(shape.members ?? {}).map(([name, m]) => (m.traits?.['smithy.api#enumValue'] as string | undefined) ?? name);
        if (typeof value !== 'string' || !values.includes(value)) wrong(`${JSON.stringify(value)} is not one of ${values.join(', ')}`);
        return;
      }
      case 'intEnum': {
        const values = Object.values(shape.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
        if (!values.includes(value)) wrong(`${JSON.stringify(value)} is not one of ${values.join(', ')}`);
        return;
      }
      case 'byte':
      case 'short':
      case 'integer':
      case 'long':
      case 'float':
      case 'double':
      case 'bigInteger':
      case 'bigDecimal': {
        if (typeof value !== 'number' || !Number.isFinite(value)) return void wrong(`expected a number, got ${JSON.stringify(value)}`);
        if (['byte', 'short', 'integer', 'long', 'bigInteger'].includes(shape.type) && !Number.isInteger(value)) wrong(`expected an integer, got ${value}`);
        if (range?.min !== undefined && value < range.min) wrong(`${value} is below ${range.min}`);
        if (range?.max !== undefined && value > range.max) wrong(`${value} is above ${range.max}`);
        return;
      }
      case 'boolean':
        if (typeof value !== 'boolean') wrong(`expected a boolean, got ${JSON.stringify(value)}`);
        return;
      case 'timestamp':
        // awsJson's default timestamp format is epoch seconds.
        if (traits['smithy.api#timestampFormat'] === undefined ? typeof value !== 'number' : typeof value !== 'string' && typeof value !== 'number') wrong(`expected a timestamp, got ${JSON.stringify(value)}`);
        return;
      case 'blob':
        if (typeof value !== 'string') wrong('expected base64 text');
        return;
      case 'document':
        return;
      default:
        wrong(`shape type ${shape.type} is not checked`);
    }
  }

  function checkBody(operation: string, side: 'input' | 'output', body: unknown): string[] {
    const id = operationIds.get(operation);
    if (!id) return [`${operation}: no such operation in ${modelFile}`];
    const target = shapeOf(id)[side]?.target ?? 'smithy.api#Unit';
    const problems: string[] = [];
    check(target, body ?? {}, `${operation} ${side}`, problems);
    return problems;
  }

  return {
    operations: new Set(operationIds.keys()),
    checkInput: (operation, body) => checkBody(operation, 'input', body),
    checkOutput: (operation, body) => checkBody(operation, 'output', body),
  };
}
