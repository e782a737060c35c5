/** The closed set of decisions a tick can take. */
export type Decision = 'advance' | 'hold' | 'extend' | 'rollback' | 'pause' | 'freeze' | 'complete';
