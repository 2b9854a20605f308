/** Errors of the domain, in words a client can act on; the GraphQL layer maps them to codes. */

export type DomainErrorReason =
  | 'AMBIGUOUS_REFERENCE'
  | 'UNKNOWN_REFERENCE'
  | 'INVALID_INPUT'
  | 'UNKNOWN_RELATIONSHIP_TYPE';

export interface Candidate {
  id: string;
  kind: string;
  name: string;
}

export class DomainError extends Error {
  constructor(
    readonly reason: DomainErrorReason,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function invalid(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('INVALID_INPUT', message, details);
}
