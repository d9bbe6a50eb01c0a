import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadatas = ReturnType<Storage['getTargetValidationMetadatas']>;

const cached = new WeakSet<Storage>();

/**
 * class-validator finds a class's rules anew for every object it validates, testing every class it
 * knows for being an ancestor (`getTargetValidationMetadatas`, typestack/class-validator#2686), and
 * groups them by property anew too: 2.5% of a placement search's CPU (README "Performance"). A class's
 * rules, its ancestors' included, are all registered when the class is defined, before any object
 * of it can be validated, and a class defined later never changes an earlier one's, so both answers
 * are kept per class and options. Installed once, when the validation pipe is loaded.
 */
export function cacheValidationMetadata(): void {
  const storage = getMetadataStorage();
  if (cached.has(storage)) return;
  cached.add(storage);
  const find = storage.getTargetValidationMetadatas.bind(storage);
  const byTarget = new WeakMap<Function, Map<string, Metadatas>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let byOptions = byTarget.get(target);
    if (!byOptions) byTarget.set(target, (byOptions = new Map()));
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? '\u0001'}`;
    let metadatas = byOptions.get(key);
    if (!metadatas) byOptions.set(key, (metadatas = find(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  const group = storage.groupByPropertyName.bind(storage);
  const grouped = new WeakMap<Metadatas, ReturnType<Storage['groupByPropertyName']>>();
  storage.groupByPropertyName = (metadatas) => {
    let byProperty = grouped.get(metadatas);
    if (!byProperty) grouped.set(metadatas, (byProperty = group(metadatas)));
    return byProperty;
  };
}
