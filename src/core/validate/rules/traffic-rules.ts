import type { Problem } from '../../problem.js';
import type { SemanticRule } from './rule-context.js';

/**
 * `spec.traffic.usersPerDay` counts distinct users of the `activeUsers` population in a day, so
 * it must be fewer than them: the plan's arrival rate −(N/24)·ln(1 − usersPerDay/N) has no
 * value otherwise (decision 0021). The schema cannot compare two fields.
 */
export const trafficPopulationRule: SemanticRule = ({ repository }) => {
  const problems: Problem[] = [];
  const documents = [...(repository.config ? [repository.config] : []), ...repository.releases.values()];
  for (const document of documents) {
    const traffic = document.value.spec.traffic;
    if (traffic?.usersPerDay === undefined) continue;
    if (traffic.activeUsers === undefined) {
      problems.push(document.report({
        path: ['spec', 'traffic', 'usersPerDay'], at: 'key', severity: 'error', rule: 'traffic/population',
        message: '`spec.traffic.usersPerDay` is the daily share of a population, but no `activeUsers` is declared',
        hint: 'add `activeUsers: <distinct users while a rollout runs>` beside it, or remove usersPerDay',
      }));
    } else if (traffic.usersPerDay >= traffic.activeUsers) {
      problems.push(document.report({
        path: ['spec', 'traffic', 'usersPerDay'], at: 'value', severity: 'error', rule: 'traffic/population',
        message: `\`spec.traffic.usersPerDay\` (${traffic.usersPerDay}) must be fewer than \`activeUsers\` (${traffic.activeUsers}): it counts the population's users seen in one day`,
        hint: 'raise activeUsers to the users active over the rollout (such as monthly active users), or lower usersPerDay',
      }));
    }
  }
  return problems;
};
