/** Masks registered secrets and every form of them that can leak into a log. */
export type MaskSink = (value: string) => void;

// Lines this short would mask ordinary words everywhere; the whole value is still masked.
const MIN_LINE_LENGTH = 4;

export class SecretRegistry {
  private readonly values = new Set<string>();

  constructor(private readonly sink: MaskSink = () => undefined) {}

  /** Registers the whole value, each non-empty line, and base64 and URL-encoded forms. */
  register(secret: string): void {
    if (secret.length === 0) return;
    const forms = new Set<string>([secret, secret.trim()]);
    for (const line of secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= MIN_LINE_LENGTH) forms.add(trimmed);
    }
    for (const base of [...forms]) {
      forms.add(Buffer.from(base, 'utf8').toString('base64'));
      forms.add(encodeURIComponent(base));
    }
    for (const form of forms) {
      if (form.length === 0 || this.values.has(form)) continue;
      this.values.add(form);
      this.sink(form);
    }
  }

  /** Replaces every registered form with `***` (longest first, so a line inside a value is covered). */
  redact(text: string): string {
    let out = text;
    const ordered = [...this.values].sort((a, b) => b.length - a.length);
    for (const value of ordered) out = out.split(value).join('***');
    return out;
  }

  get size(): number {
    return this.values.size;
  }
}
