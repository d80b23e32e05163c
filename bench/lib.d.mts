export const root: string;
export function median(values: number[]): number;
export function percentile(values: number[], p: number): number;
export function fmt(ms: number): string;
export function machine(): string;
export function report(name: string, title: string, lines: string[]): void;
export function must<T>(value: T | null | undefined, what: string): T;
