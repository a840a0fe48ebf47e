// The codes people carry, by how they look: how many groups, and how a person would name them.
// A signed token starts with a fixed marker group so an input box can tell it from a typed code.
// The request code has two versions of different lengths; a site may hold a pending version 1.

export interface CodeFormat {
  id: 'request' | 'registration' | 'token' | 'license' | 'voucher';
  /** As a message names it: "The {label} has 35 characters". */
  label: string;
  /** Groups of 5 data characters + 1 check character, the marker group included. */
  groups: number;
  /** The 5 data characters of a fixed first group. */
  marker?: string;
  /** The characters the first symbol can be (it starts with the format version), to tell versions apart while typing. */
  leading?: string;
}

/** Version 2 (what the companion makes): carries the kind and the replaced System ID's digest. */
export const REQUEST_FORMAT: CodeFormat = { id: 'request', label: 'request code', groups: 22, leading: '45' };
/** Version 1: still read, for requests made before version 2. */
export const REQUEST_FORMAT_V1: CodeFormat = { id: 'request', label: 'request code', groups: 20, leading: '23' };
export const REQUEST_FORMATS = [REQUEST_FORMAT, REQUEST_FORMAT_V1] as const;
export const REGISTRATION_FORMAT: CodeFormat = { id: 'registration', label: 'Registration code', groups: 6 };
export const TOKEN_FORMAT: CodeFormat = { id: 'token', label: 'signed registration token', groups: 25, marker: 'BMSTK' };

export const CODE_FORMATS = [REQUEST_FORMAT, REQUEST_FORMAT_V1, REGISTRATION_FORMAT, TOKEN_FORMAT] as const;
