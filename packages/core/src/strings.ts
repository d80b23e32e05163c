/**
 * Every string value of parsed JSON/YAML replaced by `map(text, path)`, keys and other values kept:
 * how rendered documents substitute into values without ever re-serialising user text
 * (deploy-swarm's compose interpolation, slack-notify's templated payloads).
 */
export function mapStrings(value: unknown, map: (text: string, path: string) => string, path = ''): unknown {
  if (typeof value === 'string') return map(value, path);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, map, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, map, path ? `${path}.${k}` : k)]),
    );
  return value;
}

/**
 * The `yaml` package, loaded when first needed (a CLI call or an action that reads YAML pays for
 * it, start-up does not). Bundled, a CommonJS module's functions sit on `default`; loaded
 * natively, on the namespace too.
 */
export type YamlLibrary = Pick<typeof import('yaml'), 'parse' | 'stringify'>;

export async function loadYaml(): Promise<YamlLibrary> {
  const yaml = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
  return yaml.default ?? yaml;
}
