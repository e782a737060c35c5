import type { Provider } from '../../src/core/model/index.js';
import type { ScmRoles } from '../../src/ports/scm.js';
import { wrapScmRoles } from './scm-roles.js';
import type { TrafficProvider } from '../../src/ports/traffic-provider.js';

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
    provider(factory: (p: Provider, ctx: { root: string }) => TrafficProvider) {
      return (p: Provider, ctx: { root: string }): TrafficProvider => {
        const real = factory(p, ctx);
        return { type: real.type, read: (t) => alive(() => real.read(t)), apply: (t, s) => alive(() => real.apply(t, s)) };
      };
    },
    scm(real: ScmRoles): ScmRoles {
      return wrapScmRoles(real, alive);
    },
  };
}
