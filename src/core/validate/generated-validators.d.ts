// Types for the precompiled ajv validators (generated CommonJS, without declarations of its own).
declare module '*/generated/validators.cjs' {
  interface GeneratedValidator {
    (data: unknown): boolean;
    errors?: import('ajv').ErrorObject[] | null;
  }
  const validators: {
    readonly Config: GeneratedValidator;
    readonly RolloutPolicy: GeneratedValidator;
    readonly Release: GeneratedValidator;
  };
  export default validators;
}
