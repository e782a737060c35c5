import type { ScmRoles } from '../../src/ports/scm.js';
import { wrapScmRoles } from './scm-roles.js';
import type { ApiProvider, ProviderRegistry } from '../../src/ports/traffic-provider.js';
import type { FlagFiles } from '../../src/ports/flag-files.js';

/**
 * A run that dies: once `die` has been called, every port call the run makes throws, as a killed
 * process makes none. A plain throw is not a crash any more — the engine catches it, isolates the
 * release and puts traffic back — so crash tests need the run's ports to stop working altogether.
 */
export function killSwitch() {
  let dead = false;
  const killed = (): Error => new Error('runner killed');
  const die = (): never => {
    dead = true;
    throw killed();
  };
  const alive = <T>(call: () => Promise<T>): Promise<T> => (dead ? Promise.reject(killed()) : call());
  return {
    die,
    get dead() {
      return dead;
    },
    /** An API provider whose calls die with the run. */
    provider(type: ProviderRegistry['flagd']): ProviderRegistry['flagd'] {
      return { ...type, create: (p, deps) => {
        const built = type.create(p, deps);
        if (!built.ok || built.value.kind !== 'api') return built;
        const real: ApiProvider = built.value;
        const wrapped: ApiProvider = { ...real, read: (t) => alive(() => real.read(t)), apply: (t, s) => alive(() => real.apply(t, s)) };
        return { ok: true, value: wrapped };
      } };
    },
    /** A GitOps file store whose reads and writes die with the run. */
    flagFiles(open: (root: string) => FlagFiles): (root: string) => FlagFiles {
      return (root) => {
        const real = open(root);
        return { read: (...a) => alive(() => real.read(...a)), write: (...a) => alive(() => real.write(...a)) };
      };
    },
    scm(real: ScmRoles): ScmRoles {
      return wrapScmRoles(real, alive);
    },
  };
}
