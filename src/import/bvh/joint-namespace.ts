/**
 * Joint-name namespaces, as Maya and Mixamo write them (`mixamorig:Hips`, `Char1:ref:Spine`).
 * The reader keeps names exactly as in the file; bone maps and users strip the namespace when
 * they compare names.
 */

/** `mixamorig:Hips` → `Hips`; `a:b:Spine` → `Spine`; names without `:` unchanged. */
export function stripNamespace(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** `mixamorig:Hips` → `mixamorig`; `a:b:Spine` → `a:b`; `''` when the name has no namespace. */
export function getNamespace(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon === -1 ? '' : name.slice(0, colon);
}
