import { z } from 'zod';

/** Thrown when a write would store something the model does not allow. */
export class InvalidChangeError extends Error {
  constructor(
    message: string,
    readonly issues: z.core.$ZodIssue[] = [],
  ) {
    super(message);
    this.name = 'InvalidChangeError';
  }
}

/** Validates `value` with `schema`, throwing an {@link InvalidChangeError} with a readable message. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidChangeError(z.prettifyError(parsed.error), parsed.error.issues);
  }
  return parsed.data;
}
