// The codes people carry, by how they look: how many groups, and how a person would name them.
// A signed token starts with a fixed marker group so an input box can tell it from a typed code.

export interface CodeFormat {
  id: 'request' | 'registration' | 'token';
  /** As a message names it: "The {label} has 35 characters". */
  label: string;
  /** Groups of 5 data characters + 1 check character, the marker group included. */
  groups: number;
  /** The 5 data characters of a fixed first group. */
  marker?: string;
}

export const REQUEST_FORMAT: CodeFormat = { id: 'request', label: 'request code', groups: 20 };
export const REGISTRATION_FORMAT: CodeFormat = { id: 'registration', label: 'Registration code', groups: 6 };
export const TOKEN_FORMAT: CodeFormat = { id: 'token', label: 'signed registration token', groups: 25, marker: 'BMSTK' };

export const CODE_FORMATS = [REQUEST_FORMAT, REGISTRATION_FORMAT, TOKEN_FORMAT] as const;
