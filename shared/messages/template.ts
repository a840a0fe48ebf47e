// A message template: an English sentence with {{name}} placeholders, i18next's syntax, so the
// same text is main's English and the renderer's key for every other language. The types read the
// placeholders out of the literal, so say() asks for exactly the parameters a sentence has.

/** The placeholder names in a template literal type: 'a {{x}} b {{y}}' gives 'x' | 'y'. */
export type Placeholders<T extends string> = T extends `${string}{{${infer Name}}}${infer Rest}` ? Name | Placeholders<Rest> : never;

export type Value = string | number;
export type Params<T extends string> = [Placeholders<T>] extends [never] ? Record<string, never> : Record<Placeholders<T>, Value>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g;

/** The template with its placeholders filled in; a missing parameter is a bug, so it throws. */
export function fill(template: string, params: Record<string, Value>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Message parameter ${name} missing for "${template}"`);
    return typeof value === 'number' ? String(value) : value;
  });
}

export const placeholdersOf = (template: string): string[] => [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
