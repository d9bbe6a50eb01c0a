/**
 * Descriptions for what the code does not describe itself (see describe-schema.ts): a type by its
 * name, a field by `Type.field` or by a recurring name alone (`createdAt` means the same everywhere),
 * an argument by `Type.field(arg)`, `field(arg)` or its name alone. Prefer a description in the code
 * for anything particular to one type; this glossary keeps recurring words consistent.
 */
export const TYPES: Readonly<Record<string, string>> = {};

export const FIELDS: Readonly<Record<string, string>> = {};

export const ARGUMENTS: Readonly<Record<string, string>> = {};
